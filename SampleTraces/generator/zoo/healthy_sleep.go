package zoo

import "time"

// A janitor that wakes up rarely: most of the time it is in "sleep".

// periodicJanitor sleeps, cleans up, and sleeps again.
func periodicJanitor(every time.Duration, runs *int) {
	for {
		time.Sleep(every)
		*runs++
	}
}

func startSleeper() {
	var runs int
	go periodicJanitor(time.Hour, &runs)
}
