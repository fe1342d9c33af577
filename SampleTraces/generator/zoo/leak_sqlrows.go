package zoo

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
)

// Rows that are never closed: database/sql watches a query's context in a
// goroutine of its own (Rows.awaitDone) until the rows are closed or the
// context ends. A query run under a long-lived context whose rows are never
// closed leaves that goroutine behind for ever: LEAK
// (database/sql.(*Rows).awaitDone), with no user code on its stack.
//
// The database is an in-process driver that answers every query with one row,
// so the leak is database/sql's own code, unchanged.

type memDriver struct{}
type memConn struct{}
type memStmt struct{}
type memRows struct{ done bool }

func (memDriver) Open(string) (driver.Conn, error)         { return memConn{}, nil }
func (memConn) Prepare(string) (driver.Stmt, error)        { return memStmt{}, nil }
func (memConn) Close() error                               { return nil }
func (memConn) Begin() (driver.Tx, error)                  { return nil, errors.New("no transactions") }
func (memStmt) Close() error                               { return nil }
func (memStmt) NumInput() int                              { return -1 }
func (memStmt) Exec([]driver.Value) (driver.Result, error) { return driver.RowsAffected(0), nil }
func (memStmt) Query([]driver.Value) (driver.Rows, error)  { return &memRows{}, nil }
func (*memRows) Columns() []string                         { return []string{"n"} }
func (*memRows) Close() error                              { return nil }
func (r *memRows) Next(dest []driver.Value) error {
	if r.done {
		return io.EOF
	}
	r.done = true
	dest[0] = int64(1)
	return nil
}

func init() { sql.Register("leakgen-mem", memDriver{}) }

// countOrders runs a query and reads the first row only.
func countOrders(ctx context.Context, db *sql.DB) int {
	rows, err := db.QueryContext(ctx, "SELECT count(*) FROM orders")
	if err != nil {
		return 0
	}
	var n int
	if rows.Next() {
		_ = rows.Scan(&n)
	}
	return n // BUG: rows.Close() is never called (and Next was not drained)
}

// StartRowsLeak returns a call that leaks one Rows.awaitDone goroutine.
func StartRowsLeak(ctx context.Context) func() {
	db, err := sql.Open("leakgen-mem", "")
	if err != nil {
		panic(err)
	}
	return func() { _ = countOrders(ctx, db) }
}
