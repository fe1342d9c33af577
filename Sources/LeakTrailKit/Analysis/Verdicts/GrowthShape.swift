/// What the counts of one epoch look like, in the terms a verdict is argued in.
public enum GrowthShape: String, Hashable, Sendable, Codable {
    /// A significant rise that kept the goroutines it gained and still makes new highs at the
    /// end of the window: a leak.
    case growing
    /// A significant, retained rise whose highest level was reached a while ago (between a
    /// sixth and a third of the window): a leak that paused, or a pool near its bound.
    case levelling
    /// A rise that stopped early in the window: a pool or cache that reached its bound.
    case stopped
    /// A rise that would be growth, but on fewer snapshots or less time than required.
    case tooShort
    /// No trend, or a rise that was given back: flat pools, sawtooth batches, bursts, noise.
    case flat
}
