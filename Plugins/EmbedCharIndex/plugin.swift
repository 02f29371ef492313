import PackagePlugin

/// Runs `charindex-gen` to embed the full Unicode name index in the target.
@main
struct EmbedCharIndex: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "GeneratedTable.swift")
        return [
            .buildCommand(
                displayName: "Generating the Unicode name index",
                executable: try context.tool(named: "charindex-gen").url,
                arguments: [output.path()],
                outputFiles: [output]
            )
        ]
    }
}
