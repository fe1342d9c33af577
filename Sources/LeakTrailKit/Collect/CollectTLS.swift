import Foundation
import NIOSSL

/// `--ca`, `--cert` and `--key`: whom to trust and who we are over https.
public struct CollectTLS: Sendable, Equatable {
    /// PEM file of the CA certificates to trust instead of the system's.
    public var caFile: String?
    /// PEM client certificate (chain) and its private key, for endpoints that require one.
    public var certificateFile: String?
    public var keyFile: String?

    public init(caFile: String? = nil, certificateFile: String? = nil, keyFile: String? = nil) {
        self.caFile = caFile
        self.certificateFile = certificateFile
        self.keyFile = keyFile
    }

    /// The client configuration; unreadable or malformed files are an error that names them.
    func configuration() throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caFile {
            tls.trustRoots = .certificates(try load(caFile, "--ca") { try NIOSSLCertificate.fromPEMFile($0) })
        }
        switch (certificateFile, keyFile) {
        case (nil, nil):
            break
        case (let cert?, let key?):
            tls.certificateChain = try load(cert, "--cert") { try NIOSSLCertificate.fromPEMFile($0) }.map { .certificate($0) }
            tls.privateKey = .privateKey(try load(key, "--key") { try NIOSSLPrivateKey(file: $0, format: .pem) })
        default:
            throw CollectSetupError("--cert and --key go together: give the client certificate and its private key")
        }
        return tls
    }

    private func load<T>(_ path: String, _ option: String, _ body: (String) throws -> T) throws -> T {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw CollectSetupError("\(option) \(path): no such readable file")
        }
        do {
            return try body(path)
        } catch {
            throw CollectSetupError("\(option) \(path) is not a PEM file leaktrail can use (\(error))")
        }
    }
}
