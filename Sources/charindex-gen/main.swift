import CharIndex

// Build-time tool: writes the full Unicode name index and its Unicode version
// as a Swift source file, so that programs load them in microseconds instead
// of asking the standard library for 1.1 million names at every start.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    import Darwin
#endif

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    print("usage: charindex-gen OUTPUT.swift")
    exit(2)
}
let table = InvertedIndex.encodeNames(in: InvertedIndex.fullRange)
let version = InvertedIndex.newestUnicodeVersionOfNames()
let source = """
    // Generated at build time by charindex-gen from the toolchain's Unicode names. Do not edit.
    let generatedUnicodeVersion = "\(version)"
    let generatedTable: StaticString = #\"\"\"
    \(table)\"\"\"#

    """
guard let file = fopen(arguments[1], "w") else {
    print("charindex-gen: cannot write \(arguments[1])")
    exit(1)
}
fputs(source, file)
fclose(file)
