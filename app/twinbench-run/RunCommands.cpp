// twinbench-run's run commands: submit runs (run, sweep) and stop them (cancel), through
// twins::federation::RunManager. status and logs live in RunMonitorCommands.cpp.
#include "RunCommandSupport.h"
#include "WorkerCommands.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/remote/GdalHttpFilesystem.h"
#include "twinbench/data/remote/RemoteDataset.h"
#include "twinbench/data/remote/RemoteUrl.h"
#include "twinbench/federation/FederationError.h"
#include "twinbench/runs/ModelCatalogue.h"
#include "twinbench/runs/RunError.h"
#include "twinbench/runs/RunId.h"
#include "twinbench/sdk/ModuleCatalog.h"
#include "twinbench/sdk/SdkError.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

namespace worker {

namespace {

using twins::federation::FederationError;
using twins::federation::RunManager;
using twins::runs::RunError;
using twins::runs::RunRecord;
using twins::runs::RunSpec;
using twins::sdk::SdkError;
using worker::runs::fail;

constexpr char runUsage[] =
    "Usage: twinbench-run run MODULE ACTION [--set KEY=VALUE]... [--input PATH|RUNID|URL]...\n"
    "                         [--backend local|slurm|slurm-rest|interlink]\n"
    "                         [--wait]\n";
constexpr char sweepUsage[] =
    "Usage: twinbench-run sweep MODULE ACTION --vary KEY=V1,V2,... [--set KEY=VALUE]...\n"
    "                           [--input PATH|RUNID|URL]... [--backend local|slurm|slurm-rest|"
    "interlink] [--wait]\n";

struct SubmitArguments {
    QString moduleId;
    QString action;
    QList<QPair<QString, QString>> settings; // --set, in order
    QStringList inputs;
    QString backend;
    QString varyKey;
    QStringList varyValues;
    bool wait = false;
};

// Returns an empty string when the arguments are fine, else the usage error.
QString parseSubmitArguments(const QStringList& arguments, bool sweep, SubmitArguments& parsed) {
    QStringList positional;
    for (qsizetype index = 0; index < arguments.size(); ++index) {
        const QString& argument = arguments[index];
        const auto value = [&]() -> std::optional<QString> {
            if (index + 1 >= arguments.size()) {
                return std::nullopt;
            }
            return arguments[++index];
        };
        if (argument == QLatin1String("--wait")) {
            parsed.wait = true;
        } else if (argument == QLatin1String("--set") || argument == QLatin1String("--vary")) {
            const auto text = value();
            if (!text || !text->contains(QLatin1Char('='))) {
                return QStringLiteral("%1 needs KEY=VALUE").arg(argument);
            }
            const QString key = text->section(QLatin1Char('='), 0, 0);
            const QString rest = text->section(QLatin1Char('='), 1);
            if (argument == QLatin1String("--set")) {
                parsed.settings.append({key, rest});
            } else if (!sweep) {
                return QStringLiteral("--vary belongs to 'sweep'");
            } else if (!parsed.varyKey.isEmpty()) {
                return QStringLiteral("one --vary per sweep (one parameter is varied)");
            } else {
                parsed.varyKey = key;
                parsed.varyValues = rest.split(QLatin1Char(','));
            }
        } else if (argument == QLatin1String("--input") || argument == QLatin1String("--backend")) {
            const auto text = value();
            if (!text || text->isEmpty()) {
                return QStringLiteral("%1 needs a value").arg(argument);
            }
            if (argument == QLatin1String("--input")) {
                parsed.inputs << *text;
            } else {
                parsed.backend = *text;
            }
        } else if (argument.startsWith(QLatin1Char('-'))) {
            return QStringLiteral("unknown option '%1'").arg(argument);
        } else {
            positional << argument;
        }
    }
    if (positional.size() != 2) {
        return QStringLiteral("expected MODULE and ACTION");
    }
    parsed.moduleId = positional[0];
    parsed.action = positional[1];
    if (sweep && parsed.varyKey.isEmpty()) {
        return QStringLiteral("a sweep needs --vary KEY=V1,V2,...");
    }
    return {};
}

// The spec of a run, its parameters checked against the module's schema before anything is
// submitted (a typo must not cost a cluster queue wait). Throws SdkError or RunError.
RunSpec validatedSpec(RunManager& manager, const SubmitArguments& arguments,
                      QJsonArray* sweepValues) {
    const auto catalog =
        twins::sdk::ModuleCatalog::scan(twins::sdk::ModuleCatalog::defaultSearchPaths());
    const twins::sdk::ModuleEntry& module = catalog.require(arguments.moduleId);
    const twins::sdk::ParameterSchema schema = module.metadata.runParameters(arguments.action);
    QJsonObject given;
    for (const auto& [key, text] : arguments.settings) {
        given.insert(key, schema.parseValue(key, text));
    }
    if (sweepValues) {
        for (const QString& text : arguments.varyValues) {
            const QJsonValue value = schema.parseValue(arguments.varyKey, text);
            QJsonObject point = given;
            point.insert(arguments.varyKey, value);
            schema.resolve(point); // each point must be a complete, valid parameter set
            sweepValues->append(value);
        }
    }
    RunSpec spec =
        RunSpec::forCurrentBuild(arguments.moduleId, arguments.action, arguments.backend);
    // A former parameter name (e.g. calogan's max_minutes) is mapped to its current one; the
    // user is told here, since the spec written for the job already carries the new name.
    QStringList notes;
    spec.parameters = schema.resolve(given, &notes);
    for (const QString& note : notes) {
        std::fprintf(stderr, "twinbench-run: note: %s\n", qPrintable(note));
    }
    for (const QString& input : arguments.inputs) {
        if (input == QLatin1String(twins::runs::latestModelInput)) {
            // Resolved now, so the spec (and its provenance) names the exact model run used.
            const auto catalogue =
                twins::runs::ModelCatalogue::scan(manager.registry(), arguments.moduleId);
            const auto model = catalogue.newestValidated(arguments.moduleId);
            if (!model) {
                throw RunError(manager.registry().databasePath(),
                               QStringLiteral("input 'model:latest': module %1 has no validated "
                                              "model (%2 model(s) listed by 'twinbench-run "
                                              "models %1')")
                                   .arg(arguments.moduleId)
                                   .arg(catalogue.models().size()));
            }
            std::fprintf(stderr, "model:latest is run %s\n", qPrintable(model->runId));
            spec.inputs << model->runId;
        } else if (twins::runs::isRunId(input)) {
            if (!manager.find(input)) {
                throw RunError(manager.registry().databasePath(),
                               QStringLiteral("input '%1' names no known run").arg(input));
            }
            spec.inputs << input;
        } else if (twins::data::remote::isRemoteUrl(input.toStdString())) {
            // Asked now, so a 404 or 403 is told at once, naming the URL; the job fetches it
            // whole where it runs and records the fetch in the run's provenance.
            try {
                const auto client = twins::data::remote::defaultHttpClient();
                const std::string url = input.toStdString();
                if (client->probe(url) != 200 &&
                    !twins::data::remote::isZarrStoreUrl(*client, url)) {
                    client->stat(url); // throws what the server answered (404 naming the URL)
                }
            } catch (const twins::data::DataError& error) {
                throw RunError(
                    QString::fromStdString(twins::data::remote::urlForRecords(input.toStdString())),
                    QString::fromStdString(error.reason()));
            }
            spec.inputs << input;
        } else {
            const QFileInfo file(input);
            if (!file.exists()) {
                throw RunError(input, QStringLiteral("input file does not exist"));
            }
            spec.inputs << file.absoluteFilePath();
        }
    }
    return spec;
}

int submitCommand(const char* command, const QStringList& arguments, bool sweep) {
    SubmitArguments parsed;
    const QString usageError = parseSubmitArguments(arguments, sweep, parsed);
    if (!usageError.isEmpty()) {
        std::fprintf(stderr, "twinbench-run %s: %s\n%s", command, qPrintable(usageError),
                     sweep ? sweepUsage : runUsage);
        return 2;
    }
    try {
        RunManager manager;
        QJsonArray values;
        const RunSpec spec = validatedSpec(manager, parsed, sweep ? &values : nullptr);
        QStringList ids;
        if (sweep) {
            for (const RunRecord& record : manager.submitSweep(spec, parsed.varyKey, values)) {
                ids << record.id;
            }
        } else {
            ids << manager.submit(spec).id;
        }
        // Only ids on stdout, one per line, so scripts can capture them.
        for (const QString& id : ids) {
            std::printf("%s\n", qPrintable(id));
        }
        std::fflush(stdout);
        return parsed.wait ? worker::runs::waitForRuns(manager, ids) : 0;
    } catch (const SdkError& error) {
        return fail(command, error.message(), 2);
    } catch (const FederationError& error) {
        return fail(command, error.message());
    } catch (const RunError& error) {
        return fail(command, error.message());
    }
}

} // namespace

const char* runCommandsUsage() {
    return "  run MODULE ACTION [--set K=V]... [--input PATH|RUNID]... [--backend B] [--wait]\n"
           "                    submit a run (B: local, slurm, slurm-rest, interlink);\n"
           "                    prints its id;\n"
           "                    --input model:latest uses the newest validated model;\n"
           "                    --input https://... is fetched whole where the run runs\n"
           "                    (its URL, bytes and SHA-256 go into prov.json)\n"
           "  sweep MODULE ACTION --vary K=V1,V2,... [--set K=V]... [--backend B] [--wait]\n"
           "                    one run per value, one SLURM job array (interlink: one\n"
           "                    pod per value); prints the ids\n"
           "  status [RUN] [--all] [--json]\n"
           "                    refresh and show runs (active and last day; --all: every run)\n"
           "  logs RUN [--follow]  print a run's log; --follow until the run ends\n"
           "  cancel RUN        stop a run (RUN: an id or a unique prefix of one)\n"
           "  models [MODULE] [--json]\n"
           "                    trained models with their validation metrics, training data\n"
           "                    and code version, newest first\n"
           "  models --card RUN [--json]\n"
           "                    a model's VVUQ card: data and code versions, training domain\n"
           "                    and cost (CPU hours, energy estimate), held-out metrics, the\n"
           "                    validation runs downstream of it with their inputs, every\n"
           "                    metric against the twin's fit-for-purpose thresholds, verdict\n";
}

int runCommand(const QStringList& arguments) {
    return submitCommand("run", arguments, false);
}

int sweepCommand(const QStringList& arguments) {
    return submitCommand("sweep", arguments, true);
}

int cancelCommand(const QStringList& arguments) {
    if (arguments.size() != 1 || arguments.first().startsWith(QLatin1Char('-'))) {
        std::fprintf(stderr, "Usage: twinbench-run cancel RUN\n");
        return 2;
    }
    try {
        RunManager manager;
        const QString id = worker::runs::resolveRunId(manager, arguments.first());
        const RunRecord before = manager.refreshRun(id);
        if (twins::runs::isTerminal(before.state)) {
            std::printf("run %s had already ended: %s\n", qPrintable(id),
                        qPrintable(twins::runs::runStateName(before.state)));
            return 0;
        }
        const RunRecord after = manager.cancel(id);
        if (!twins::runs::isTerminal(after.state)) {
            return fail("cancel",
                        QStringLiteral("run %1 asked to stop but still %2 after 15 s "
                                       "(%3)")
                            .arg(id, twins::runs::runStateName(after.state), after.detail));
        }
        std::printf("run %s %s%s\n", qPrintable(id),
                    qPrintable(twins::runs::runStateName(after.state)),
                    after.detail.isEmpty() ? "" : qPrintable(QStringLiteral(": ") + after.detail));
        return 0;
    } catch (const FederationError& error) {
        return fail("cancel", error.message());
    } catch (const RunError& error) {
        return fail("cancel", error.message());
    }
}

} // namespace worker
