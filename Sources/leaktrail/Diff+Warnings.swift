import LeakTrailKit

extension Diff {
    /// A diff that compares what was probably not meant to be compared still prints; this says why it may mislead.
    func warnAbout(_ x: StoredSnapshot, _ y: StoredSnapshot) {
        if x.id == y.id {
            return Diagnostics.warning("\(a) and \(b) are the same snapshot (\(x.id)): nothing can differ")
        }
        if (x.service, x.instance) != (y.service, y.instance) {
            Diagnostics.warning("snapshot \(x.id) is \(x.service)/\(x.instance) and \(y.id) is \(y.service)/\(y.instance): "
                + "this compares two processes, not one over time")
        } else if x.epoch != y.epoch {
            Diagnostics.warning("\(x.instance) restarted between snapshot \(x.id) (epoch \(x.epoch)) and \(y.id) (epoch \(y.epoch)): "
                + "goroutines gone with the restart were not fixed")
        }
        if x.timeMs > y.timeMs {
            Diagnostics.warning("snapshot \(x.id) (\(x.time)) was taken after \(y.id) (\(y.time)): new and gone read backwards; give the earlier one first")
        }
    }
}
