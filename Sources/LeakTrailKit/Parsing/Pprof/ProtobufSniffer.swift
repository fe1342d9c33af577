/// Whether bytes read as a serialized `perftools.profiles.Profile`: every top-level field in
/// the head has a number the message defines, with the wire type it uses. Text fails within a
/// few bytes (a letter is an undefined field or a wrong wire type).
enum ProtobufSniffer {
    /// Wire type of each top-level field of `Profile` (0 varint, 2 length-delimited).
    private static func wireTypes(of field: UInt64) -> [UInt64] {
        switch field {
        case 1...6, 11, 16: [2]
        case 7...10, 12, 14, 15: [0]
        case 13: [0, 2]
        default: []
        }
    }

    static func looksLikeProfile(_ head: [UInt8]) -> Bool {
        var i = 0
        var fields = 0
        // A profile is mostly length-delimited messages (samples, locations, strings); a run
        // of bare varints (`xxxx` reads as field 15 again and again) is not one.
        var messages = 0
        while i < head.count {
            guard let tag = varint(head, &i) else { break }
            guard wireTypes(of: tag >> 3).contains(tag & 7) else { return false }
            if tag & 7 == 0 {
                guard varint(head, &i) != nil else { break }
            } else {
                guard let length = varint(head, &i), length < UInt64(1 << 31) else { break }
                // A `sample_type` in the head must read as a `ValueType` (varint fields 1 and 2):
                // a run of newlines reads as nested field-1 messages and is not a profile.
                if tag >> 3 == 1 && i + Int(length) <= head.count && !isValueType(head[i..<(i + Int(length))]) { return false }
                i += Int(length)
                messages += 1
            }
            fields += 1
        }
        // A head cut inside a field is fine; a short input must have been read to its end.
        return messages >= 1 && (fields >= 3 || i == head.count)
    }

    /// Whether `bytes` are the fields of a `ValueType`: `type` (1) and `unit` (2), both varints.
    private static func isValueType(_ bytes: ArraySlice<UInt8>) -> Bool {
        let inner = Array(bytes)
        var i = 0
        while i < inner.count {
            guard let tag = varint(inner, &i), tag == 1 << 3 || tag == 2 << 3, varint(inner, &i) != nil else { return false }
        }
        return true
    }

    private static func varint(_ bytes: [UInt8], _ i: inout Int) -> UInt64? {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.count && shift < 64 {
            let b = bytes[i]
            i += 1
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return v }
            shift += 7
        }
        return nil
    }
}
