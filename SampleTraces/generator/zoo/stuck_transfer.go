package zoo

import (
	"sync"
	"time"
)

// A lock-order deadlock: one transfer locks account A then B, another B then
// A; both wait for ever, and so does every reader that needs A afterwards.
// The count never moves and never grows, and every goroutine keeps ageing on
// a mutex: STUCK (a deadlock), not a leak.

// Account is a balance under a mutex.
type Account struct {
	mu      sync.Mutex
	balance int
}

// transfer moves amount from one account to the other, locking in argument
// order: the bug when two transfers run in opposite directions.
func transfer(from, to *Account, amount int, ready *sync.WaitGroup) {
	from.mu.Lock()
	ready.Done()
	time.Sleep(50 * time.Millisecond)
	to.mu.Lock()
	from.balance -= amount
	to.balance += amount
	to.mu.Unlock()
	from.mu.Unlock()
}

// readBalance reads an account under its lock.
func readBalance(a *Account) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.balance
}

// StartDeadlock starts two crossed transfers and `readers` readers of A.
func StartDeadlock(readers int) {
	a, b := &Account{balance: 100}, &Account{balance: 100}
	var ready sync.WaitGroup
	ready.Add(2)
	go transfer(a, b, 10, &ready)
	go transfer(b, a, 20, &ready)
	ready.Wait()
	for i := 0; i < readers; i++ {
		go readBalance(a)
	}
}
