package zoo

import (
	"context"
	"runtime/pprof"
	"strconv"
)

// An HTTP-style handler streams rows to a writer goroutine and returns early
// on error, so the producer blocks in "chan send" forever. It runs under
// pprof labels, which every goroutine it starts inherits: Go 1.27 prints them
// after the goroutine header ("[chan send] {handler: /export, ...}"), and
// debug=1 / protobuf profiles carry them as "# labels:" / sample labels.

// ExportHandler serves one export request for tenant under the labels
// handler=/export, tenant=<tenant>.
func ExportHandler(tenant string, rows int) {
	labels := pprof.Labels("handler", "/export", "tenant", tenant)
	pprof.Do(context.Background(), labels, func(ctx context.Context) {
		out := make(chan string)
		go leakyExportRows(out, rows)
		<-out // reads the header row, then "fails" and returns
	})
}

// leakyExportRows produces rows nobody reads after the first: LEAK (chan send).
func leakyExportRows(out chan<- string, rows int) {
	for i := 0; i < rows; i++ {
		out <- "row " + strconv.Itoa(i)
	}
	close(out)
}

func startExportLeaks(n int) {
	for i := 0; i < n; i++ {
		ExportHandler("acme-"+strconv.Itoa(i), 10)
	}
}
