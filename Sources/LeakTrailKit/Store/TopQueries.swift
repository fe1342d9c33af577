/// `top`'s SQL, one text for both backends (`where` picks the snapshot's rows: by id on
/// SQLite, by the partition and shard keys as well on PostgreSQL; `LIMIT` is the last `?`).
enum TopQueries {
    static func sql(_ level: SignatureLevel, where condition: String) -> String {
        level == .line ? byLine(condition) : byFunction(condition)
    }

    static func byLine(_ condition: String) -> String {
        """
        SELECT c.signature, c.count, c.state, c.wait_min, c.wait_max, c.leaked, st.top_frame, 1
        FROM snapshot_stacks c JOIN stacks st ON st.signature = c.signature
        WHERE \(condition) ORDER BY c.count DESC, c.signature LIMIT ?
        """
    }

    /// Merges line-level rows by function signature; state and top frame come from the
    /// largest member (ties: the smallest signature), chosen by a window so that both
    /// backends pick the same row.
    static func byFunction(_ condition: String) -> String {
        """
        SELECT f, total, state, wait_min, wait_max, leaked, top_frame, stacks FROM (
            SELECT st.function_signature AS f, SUM(c.count) OVER g AS total, c.state AS state,
                   MIN(c.wait_min) OVER g AS wait_min, MAX(c.wait_max) OVER g AS wait_max, SUM(c.leaked) OVER g AS leaked,
                   st.top_frame AS top_frame, COUNT(*) OVER g AS stacks,
                   ROW_NUMBER() OVER (PARTITION BY st.function_signature ORDER BY c.count DESC, c.signature) AS rank
            FROM snapshot_stacks c JOIN stacks st ON st.signature = c.signature
            WHERE \(condition)
            WINDOW g AS (PARTITION BY st.function_signature)
        ) merged WHERE rank = 1 ORDER BY total DESC, f LIMIT ?
        """
    }
}
