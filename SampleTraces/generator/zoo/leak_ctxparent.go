package zoo

import (
	"context"
	"time"
)

// A context derived from a parent the context package does not know (a
// hand-written Context) with a cancel func that is dropped: to propagate
// cancellation the context package starts a goroutine that waits for the
// parent or the child to end — neither ever does. LEAK
// (context.(*cancelCtx).propagateCancel.func2), no user code on the stack.

// requestScope is a hand-written Context: a deadline-free scope with its own
// done channel, as some frameworks define.
type requestScope struct{ done chan struct{} }

func (s requestScope) Deadline() (time.Time, bool)       { return time.Time{}, false }
func (s requestScope) Done() <-chan struct{}             { return s.done }
func (s requestScope) Err() error                        { return nil }
func (s requestScope) Value(key interface{}) interface{} { return nil }

// withRetryBudget derives a cancellable context for a retry loop and drops
// the cancel func.
func withRetryBudget(parent context.Context) context.Context {
	ctx, cancel := context.WithCancel(parent)
	_ = cancel // BUG: cancel is never called
	return ctx
}

// StartContextLeak returns a call that leaks one propagation goroutine.
func StartContextLeak() func() {
	scope := requestScope{done: make(chan struct{})}
	return func() { _ = withRetryBudget(scope) }
}
