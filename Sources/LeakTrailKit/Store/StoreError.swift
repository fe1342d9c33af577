/// Why the store could not do what was asked.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// The store file could not be opened or migrated.
    case cannotOpen(path: String, reason: String)
    /// `--snapshot ID` named no snapshot, or the store holds none that match.
    case noSnapshot(String)
    /// The store was written by a newer leaktrail (it has migrations this one lacks).
    case newerSchema(path: String)
    /// Nothing is at the path (or only an empty file): the read commands do not create one.
    case noStore(path: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open store \(path): \(reason)"
        case .noSnapshot(let what): what
        case .newerSchema(let path): "store \(path) was written by a newer leaktrail; upgrade to read it"
        case .noStore(let path): "no store at \(path)"
        }
    }
}
