/// The tool's version, passed into reports so that output is reproducible.
public enum LeakTrailVersion {
    public static let current = "0.1.0"
}
