/// The change that ends each kind of leak, phrased for the person who must make it.
extension BlockingOperation {
    public var advice: String {
        switch self {
        case .chanSend:
            return "Nobody receives what this goroutine sends. Give the result channel a buffer (make(chan T, 1)) so the sender can always finish, or send inside a select with a case <-ctx.Done(): return."
        case .chanReceive:
            return "Nothing sends on or closes the channel this goroutine receives from. Close the channel (or signal completion) when the producer is done, and receive in a select with a case <-ctx.Done(): return so the goroutine can leave."
        case .select:
            return "None of this select's cases ever becomes ready. Add a case <-ctx.Done(): return (or a done channel its owner closes) so the goroutine can exit."
        case .nilChanSend, .nilChanReceive:
            return "This goroutine blocks forever on a nil channel (never made, or set to nil). Never block on a nil channel: make it before use, and use nil only to disable a case in a select that has another way out."
        case .selectNoCases:
            return "select {} blocks forever. Outside main, wait on ctx.Done() or a done channel instead, so the goroutine ends with its owner."
        case .mutex:
            return "Waiting for a sync.Mutex that is never unlocked, typically after an early return or a panic between Lock and Unlock. Write defer mu.Unlock() right after mu.Lock()."
        case .rwMutex:
            return "Waiting for a sync.RWMutex that is never released. Write defer mu.Unlock() / defer mu.RUnlock() right after locking, and never take the write lock while holding a read lock."
        case .waitGroup:
            return "wg.Wait() never returns because Add and Done are unbalanced. Balance Add/Done: call wg.Add before starting each goroutine and defer wg.Done() as its first statement, on every path."
        case .cond:
            return "Waiting on a sync.Cond that is never signalled. Call Signal or Broadcast after every change of the condition and on shutdown, and re-check the condition in a loop around Wait."
        case .semacquire:
            return "Blocked acquiring a semaphore that is never released. Release it on every path with defer, and bound the acquire with a context."
        case .ioWait:
            return "Waiting on network I/O with no deadline. Set deadlines (SetReadDeadline, http.Client.Timeout, http.Server ReadTimeout/IdleTimeout) and close connections and response bodies (defer resp.Body.Close())."
        case .sleep:
            return "Sleeping in a loop that never ends. Replace time.Sleep with a select on ctx.Done() and a timer, so the loop stops with its owner."
        case .tickerReceive:
            return "A loop woken by a ticker or timer that nothing ends (for range ticker.C never exits by itself). defer ticker.Stop() and add a case <-ctx.Done(): return to the loop."
        case .syscall:
            return "Blocked in a system call. Make it cancellable: close the file descriptor from the owner, or use a context-aware API or a deadline."
        case .running:
            return "These goroutines are running, not blocked: their number grows because they are started without bound. Bound them with a worker pool or a semaphore, and give each a way to finish."
        case .other:
            return "Bound the goroutine's lifetime: give it a way out through ctx.Done() and make its owner wait for it to finish."
        }
    }
}
