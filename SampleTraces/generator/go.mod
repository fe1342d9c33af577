module example.com/leakgen

// The go line is the oldest toolchain used (Debian's Go 1.19), so one module
// builds with every toolchain. Files that need newer APIs carry a
// //go:build go1.N constraint, which also raises their language version.
go 1.19
