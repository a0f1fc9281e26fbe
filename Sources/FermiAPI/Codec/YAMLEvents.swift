import CYaml

/// libyaml's parser (the one Yams is built on) over one text, handing out its events one at a
/// time, so that manifests are built into JSON straight from the events, with no node tree
/// in between: composing Yams' nodes was a third of `fermi apply`'s parsing.
final class YAMLEvents {
    /// What an event is.
    enum Kind {
        case streamStart, streamEnd, documentStart, documentEnd
        case alias, scalar, sequenceStart, sequenceEnd, mappingStart, mappingEnd
    }

    /// The parser's own account of bad input, with its line and column.
    struct SyntaxError: Error {
        var detail: String
    }

    private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    private let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
    private var holdsEvent = false

    /// A parser over `utf8`, which must stay valid for as long as the parser reads it.
    init(utf8: UnsafeBufferPointer<UInt8>) {
        yaml_parser_initialize(parser)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, utf8.baseAddress, utf8.count)
    }

    deinit {
        if holdsEvent { yaml_event_delete(event) }
        yaml_parser_delete(parser)
        parser.deallocate()
        event.deallocate()
    }

    /// Reads the next event.
    func next() throws(SyntaxError) -> Kind {
        if holdsEvent { yaml_event_delete(event) }
        holdsEvent = false
        guard yaml_parser_parse(parser, event) == 1 else { throw SyntaxError(detail: problem()) }
        holdsEvent = true
        switch event.pointee.type {
        case YAML_STREAM_START_EVENT: return .streamStart
        case YAML_STREAM_END_EVENT: return .streamEnd
        case YAML_DOCUMENT_START_EVENT: return .documentStart
        case YAML_DOCUMENT_END_EVENT: return .documentEnd
        case YAML_ALIAS_EVENT: return .alias
        case YAML_SCALAR_EVENT: return .scalar
        case YAML_SEQUENCE_START_EVENT: return .sequenceStart
        case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
        case YAML_MAPPING_START_EVENT: return .mappingStart
        case YAML_MAPPING_END_EVENT: return .mappingEnd
        default: throw SyntaxError(detail: "line \(line): unexpected YAML event \(event.pointee.type.rawValue)")
        }
    }

    /// The line the current event starts on, from 1.
    var line: Int { Int(event.pointee.start_mark.line) + 1 }

    /// The current scalar's text.
    var scalarText: String {
        let scalar = event.pointee.data.scalar
        return String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
    }

    /// Whether the current scalar is plain (unquoted, not a block), the only kind YAML types.
    var scalarIsPlain: Bool {
        let style = event.pointee.data.scalar.style
        return style == YAML_PLAIN_SCALAR_STYLE || style == YAML_ANY_SCALAR_STYLE
    }

    /// Whether the current scalar is tagged `!!str`, a string whatever it looks like.
    var scalarIsTaggedString: Bool {
        guard let tag = event.pointee.data.scalar.tag else { return false }
        return String(cString: tag) == "tag:yaml.org,2002:str"
    }

    /// The parser's words for what went wrong, e.g. `line 3, column 5: could not find
    /// expected ':'`.
    private func problem() -> String {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "unknown problem"
        switch state.error {
        case YAML_MEMORY_ERROR:
            return "out of memory"
        case YAML_READER_ERROR:
            return "byte \(state.problem_offset): \(problem)"
        default:
            let context = state.context.map { "\(String(cString: $0)) " } ?? ""
            return "line \(state.problem_mark.line + 1), column \(state.problem_mark.column + 1): \(context)\(problem)"
        }
    }
}
