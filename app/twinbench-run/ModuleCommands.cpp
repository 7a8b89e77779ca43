// twinbench-run's module commands: list the twins of the plugin search path and describe one.
// The job and serve commands of this group live in JobCommand.cpp and ServeCommand.cpp.
#include "WorkerCommands.h"
#include "twinbench/sdk/ModuleCatalog.h"
#include "twinbench/sdk/SdkError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace worker {

namespace {

using twins::sdk::ModuleCatalog;
using twins::sdk::ModuleEntry;
using twins::sdk::ParameterSpec;

struct ModuleCommandArguments {
    bool json = false;
    QStringList positional;
};

// Returns false (after printing the usage error) for an unknown option.
bool parseArguments(const char* command, const char* usageLine, const QStringList& arguments,
                    ModuleCommandArguments& parsed) {
    for (const QString& argument : arguments) {
        if (argument == QLatin1String("--json")) {
            parsed.json = true;
        } else if (argument.startsWith(QLatin1Char('-'))) {
            std::fprintf(stderr, "twinbench-run %s: unknown option '%s'\nUsage: %s\n", command,
                         qPrintable(argument), usageLine);
            return false;
        } else {
            parsed.positional.append(argument);
        }
    }
    return true;
}

void printJson(const QJsonObject& json) {
    std::printf("%s", QJsonDocument(json).toJson(QJsonDocument::Indented).constData());
}

void printRefusals(const ModuleCatalog& catalog) {
    for (const twins::sdk::RefusedPlugin& refused : catalog.refused()) {
        std::fprintf(stderr, "refused %s: %s\n", qPrintable(refused.libraryPath),
                     qPrintable(refused.reason));
    }
}

QString parameterSummary(const ParameterSpec& spec) {
    QString text = spec.expectation();
    if (!spec.isRequired()) {
        text += QStringLiteral(", default %1").arg(twins::sdk::jsonValueText(spec.defaultValue));
    } else {
        text += QStringLiteral(", required");
    }
    return text;
}

void printIndented(const QString& text) {
    if (!text.isEmpty()) {
        std::printf("                %s\n", qPrintable(text));
    }
}

void printDescription(const ModuleEntry& entry) {
    const twins::sdk::ModuleMetadata& module = entry.metadata;
    std::printf("%s: %s (%s, version %s, module ABI %d)\n", qPrintable(module.id),
                qPrintable(module.name), qPrintable(module.domain), qPrintable(module.version),
                module.abiVersion);
    if (!module.description.isEmpty()) {
        std::printf("%s\n", qPrintable(module.description));
    }
    std::printf("library: %s\n\nParameters:\n", qPrintable(entry.libraryPath));
    if (module.parameters.isEmpty()) {
        std::printf("  (none)\n");
    }
    for (const ParameterSpec& spec : module.parameters.parameters()) {
        std::printf("  %-13s %s (%s)\n", qPrintable(spec.key), qPrintable(spec.label),
                    qPrintable(twins::sdk::parameterTypeName(spec.type)));
        printIndented(parameterSummary(spec));
        printIndented(spec.help);
    }
    std::printf("\nActions:\n");
    for (const twins::sdk::ActionSpec& action : module.actions) {
        std::printf("  %-13s %s\n", qPrintable(action.id), qPrintable(action.label));
        printIndented(QStringLiteral("parameters: %1")
                          .arg(action.parameterKeys.isEmpty()
                                   ? QStringLiteral("none")
                                   : action.parameterKeys.join(QStringLiteral(", "))));
        if (!action.inputs.isEmpty()) {
            printIndented(QStringLiteral("inputs: %1").arg(action.inputs));
        }
        printIndented(action.help);
    }
    if (!module.queries.isEmpty()) {
        std::printf("\nQueries (twinbench-run serve):\n");
        for (const twins::sdk::QuerySpec& query : module.queries) {
            std::printf("  %-13s %s\n", qPrintable(query.name), qPrintable(query.help));
            if (!query.arguments.isEmpty()) {
                printIndented(QStringLiteral("arguments: %1").arg(query.arguments));
            }
        }
    }
    if (!module.results.isEmpty()) {
        std::printf("\nResults:\n");
        for (const twins::sdk::ResultSpec& result : module.results) {
            QString where = result.output;
            if (!result.variable.isEmpty()) {
                where += QLatin1Char(':') + result.variable;
            }
            std::printf("  %-13s %s from action %s", qPrintable(result.kind), qPrintable(where),
                        qPrintable(result.action));
            if (!result.title.isEmpty()) {
                std::printf(", \"%s\"", qPrintable(result.title));
            }
            if (!result.units.isEmpty()) {
                std::printf(", units %s", qPrintable(result.units));
            }
            if (!result.colormap.isEmpty()) {
                std::printf(", colour map %s", qPrintable(result.colormap));
            }
            std::printf("\n");
        }
    }
}

} // namespace

const char* moduleCommandsUsage() {
    return "  modules [--json]  list the twins in the plugin search path ($TWINBENCH_PLUGIN_PATH,\n"
           "                    then <prefix>/lib/<multiarch>/twinbench/plugins) and, on stderr, the\n"
           "                    plugins refused with the reason\n"
           "  describe MODULE [--json]\n"
           "                    a twin's parameters (type, unit, range, choices, default, help),\n"
           "                    actions, queries and result specs\n"
           "  job RUNDIR [--slots DIR --max N]\n"
           "                    execute the run in RUNDIR (its spec.json): state, progress,\n"
           "                    metrics and log go to the run directory, prov.json on success;\n"
           "                    with --slots, first wait for one of N local slots in DIR.\n"
           "                    Exit 0 succeeded, 1 failed, 2 unusable run, 143 cancelled\n"
           "  serve [--socket PATH]\n"
           "                    session worker answering interactive queries on a local socket,\n"
           "                    one JSON request per line (twins/sdk SessionClient.h)\n";
}

int modulesCommand(const QStringList& arguments) {
    ModuleCommandArguments parsed;
    if (!parseArguments("modules", "twinbench-run modules [--json]", arguments, parsed)) {
        return 2;
    }
    if (!parsed.positional.isEmpty()) {
        std::fprintf(stderr,
                     "twinbench-run modules: unexpected argument '%s'\n"
                     "Usage: twinbench-run modules [--json]\n",
                     qPrintable(parsed.positional.first()));
        return 2;
    }
    const ModuleCatalog catalog = ModuleCatalog::scan(ModuleCatalog::defaultSearchPaths());
    printRefusals(catalog);
    if (parsed.json) {
        QJsonArray modules;
        for (const ModuleEntry& entry : catalog.modules()) {
            QJsonArray queries;
            for (const twins::sdk::QuerySpec& query : entry.metadata.queries) {
                queries.append(query.name);
            }
            modules.append(QJsonObject{
                {QStringLiteral("id"), entry.metadata.id},
                {QStringLiteral("name"), entry.metadata.name},
                {QStringLiteral("domain"), entry.metadata.domain},
                {QStringLiteral("version"), entry.metadata.version},
                {QStringLiteral("description"), entry.metadata.description},
                {QStringLiteral("actions"), QJsonArray::fromStringList(entry.metadata.actionIds())},
                {QStringLiteral("queries"), queries},
                {QStringLiteral("library"), entry.libraryPath}});
        }
        QJsonArray refused;
        for (const twins::sdk::RefusedPlugin& plugin : catalog.refused()) {
            refused.append(QJsonObject{{QStringLiteral("library"), plugin.libraryPath},
                                       {QStringLiteral("reason"), plugin.reason}});
        }
        printJson(QJsonObject{
            {QStringLiteral("search_paths"), QJsonArray::fromStringList(catalog.searchPaths())},
            {QStringLiteral("modules"), modules},
            {QStringLiteral("refused"), refused}});
        return 0;
    }
    if (catalog.modules().isEmpty()) {
        std::fprintf(stderr, "no twins found in the plugin search path: %s\n",
                     qPrintable(catalog.searchPaths().join(QLatin1Char(':'))));
    }
    for (const ModuleEntry& entry : catalog.modules()) {
        std::printf("%-12s %s (%s, version %s)\n", qPrintable(entry.metadata.id),
                    qPrintable(entry.metadata.name), qPrintable(entry.metadata.domain),
                    qPrintable(entry.metadata.version));
        std::printf("             actions: %s\n",
                    qPrintable(entry.metadata.actionIds().join(QStringLiteral(", "))));
        std::printf("             %s\n", qPrintable(entry.libraryPath));
    }
    return 0;
}

int describeCommand(const QStringList& arguments) {
    const char* usageLine = "twinbench-run describe MODULE [--json]";
    ModuleCommandArguments parsed;
    if (!parseArguments("describe", usageLine, arguments, parsed)) {
        return 2;
    }
    if (parsed.positional.size() != 1) {
        std::fprintf(stderr,
                     "twinbench-run describe: expected one module id, got %lld\n"
                     "Usage: %s\n",
                     static_cast<long long>(parsed.positional.size()), usageLine);
        return 2;
    }
    const ModuleCatalog catalog = ModuleCatalog::scan(ModuleCatalog::defaultSearchPaths());
    try {
        const ModuleEntry& entry = catalog.require(parsed.positional.first());
        if (parsed.json) {
            QJsonObject json = entry.metadata.toJson();
            json.insert(QStringLiteral("library"), entry.libraryPath);
            printJson(json);
        } else {
            printDescription(entry);
        }
    } catch (const twins::sdk::SdkError& error) {
        std::fprintf(stderr, "twinbench-run describe: %s\n", error.what());
        return 1;
    }
    return 0;
}

} // namespace worker
