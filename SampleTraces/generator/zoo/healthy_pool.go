package zoo

import "time"

// A fixed pool of workers reading jobs from a shared channel. Idle workers
// wait in "chan receive"; that is healthy, because the pool is bounded and
// the channel keeps being fed (or is closed on shutdown).

// Job is a unit of work for the pool.
type Job struct{ N int }

// poolWorker processes jobs until the channel is closed.
func poolWorker(id int, jobs <-chan Job, results chan<- int) {
	for j := range jobs {
		results <- j.N * id
	}
}

// poolDispatcher feeds the pool forever and drains its results.
func poolDispatcher(jobs chan<- Job, results <-chan int, every time.Duration) {
	for i := 0; ; i++ {
		jobs <- Job{N: i}
		<-results
		time.Sleep(every)
	}
}

// startWorkerPool starts n workers; with moving, a dispatcher keeps them busy.
func startWorkerPool(n int, moving bool) chan<- Job {
	jobs := make(chan Job)
	results := make(chan int)
	for i := 1; i <= n; i++ {
		go poolWorker(i, jobs, results)
	}
	if moving {
		go poolDispatcher(jobs, results, 5*time.Millisecond)
	}
	return jobs
}

// StartWorkerPool starts a fed pool of n workers (used by the serve mode).
func StartWorkerPool(n int, every time.Duration) {
	jobs := make(chan Job)
	results := make(chan int)
	for i := 1; i <= n; i++ {
		go poolWorker(i, jobs, results)
	}
	go poolDispatcher(jobs, results, every)
}
