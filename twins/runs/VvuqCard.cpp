#include "twinbench/runs/VvuqCard.h"

#include "twinbench/runs/ModelCatalogue.h"
#include "twinbench/runs/RunDirectory.h"
#include "twinbench/runs/RunError.h"
#include "twinbench/runs/RunId.h"
#include "twinbench/runs/RunStatus.h"
#include "twinbench/sdk/ModelCard.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <cmath>

namespace twins::runs {

namespace {

using twins::sdk::FitnessThreshold;

QJsonObject readJsonObject(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

// A run of the registry with its spec, read once.
struct KnownRun {
    RunRecord record;
    RunSpec spec;
    bool isModel = false;
};

// Every run of the registry, and which run an input (an id, or a path inside a run directory)
// comes from.
class RunIndex {
public:
    RunIndex(const RunRegistry& registry, QStringList& problems) {
        for (const RunRecord& record : registry.list()) {
            try {
                KnownRun run{record, RunDirectory::open(record.runDirectory).spec(), false};
                run.isModel =
                    QFileInfo::exists(QDir(record.runDirectory)
                                          .filePath(QStringLiteral("outputs/") +
                                                    QString::fromLatin1(modelManifestName)));
                m_directories.append({QDir::cleanPath(record.runDirectory), record.id});
                m_runs.insert(record.id, run);
            } catch (const RunError& error) {
                problems << QString::fromUtf8(error.what());
            }
        }
    }

    const KnownRun* find(const QString& id) const {
        const auto it = m_runs.constFind(id);
        return it == m_runs.constEnd() ? nullptr : &it.value();
    }

    // The run `input` of `consumer` comes from, or empty. Relative paths are relative to the
    // consumer's directory, as the job resolves them.
    QString sourceRun(const QString& input, const KnownRun& consumer) const {
        if (isRunId(input) && m_runs.contains(input)) {
            return input;
        }
        const QString path =
            QDir::cleanPath(QDir(consumer.record.runDirectory).absoluteFilePath(input));
        for (const auto& [directory, id] : m_directories) {
            if (path == directory || path.startsWith(directory + QLatin1Char('/'))) {
                return id;
            }
        }
        return {};
    }

    QStringList sourceRuns(const KnownRun& consumer) const {
        QStringList ids;
        for (const QString& input : consumer.spec.inputs) {
            const QString id = sourceRun(input, consumer);
            if (!id.isEmpty() && !ids.contains(id)) {
                ids << id;
            }
        }
        return ids;
    }

    const QHash<QString, KnownRun>& runs() const { return m_runs; }

private:
    QHash<QString, KnownRun> m_runs;
    QList<std::pair<QString, QString>> m_directories; // clean path, run id
};

QString shaOf(const QJsonObject& entity) {
    const QJsonValue sha = entity.value(QStringLiteral("twinbench:sha256"));
    return sha.isObject() ? sha.toObject().value(QStringLiteral("$")).toString() : sha.toString();
}

// The output files of `run` with their SHA-256 as its prov.json records them; only `onlyPath`
// (relative to outputs/) when given.
QJsonArray outputHashes(const KnownRun& run, const QString& onlyPath) {
    const QJsonObject provenance =
        readJsonObject(QDir(run.record.runDirectory).filePath(QStringLiteral("prov.json")));
    const QJsonObject entities = provenance.value(QStringLiteral("entity")).toObject();
    const QString prefix = QStringLiteral("run:") + run.record.id + QStringLiteral("/outputs/");
    QJsonArray files;
    for (auto it = entities.begin(); it != entities.end(); ++it) {
        if (!it.key().startsWith(prefix)) {
            continue;
        }
        const QJsonObject entity = it.value().toObject();
        const QString path = entity.value(QStringLiteral("prov:label")).toString();
        if (!onlyPath.isEmpty() && path != onlyPath) {
            continue;
        }
        files.append(
            QJsonObject{{QStringLiteral("path"), path}, {QStringLiteral("sha256"), shaOf(entity)}});
    }
    return files;
}

// Where one input of `consumer` comes from: the run that made it (its module, action,
// parameters, code and output hashes), or a file with the hash the consumer's prov.json gives.
QJsonObject describeInput(const QString& input, const KnownRun& consumer, const RunIndex& index) {
    QJsonObject description{{QStringLiteral("input"), input}};
    const KnownRun* source = index.find(index.sourceRun(input, consumer));
    if (source) {
        const QString outputs =
            QDir(source->record.runDirectory).filePath(QStringLiteral("outputs"));
        const QString absolute =
            QDir::cleanPath(QDir(consumer.record.runDirectory).absoluteFilePath(input));
        const QString inside =
            isRunId(input) ? QString() : QDir(outputs).relativeFilePath(absolute);
        const bool oneFile = !inside.isEmpty() && !inside.startsWith(QLatin1String("..")) &&
                             QFileInfo(absolute).isFile();
        description.insert(QStringLiteral("run"), source->record.id);
        description.insert(QStringLiteral("module"), source->spec.moduleId);
        description.insert(QStringLiteral("action"), source->spec.action);
        description.insert(QStringLiteral("state"), runStateName(source->record.state));
        description.insert(QStringLiteral("parameters"), source->spec.parameters);
        description.insert(QStringLiteral("code"),
                           QJsonObject{{QStringLiteral("twinbench"), source->spec.twinbenchVersion},
                                       {QStringLiteral("git"), source->spec.gitRevision}});
        description.insert(QStringLiteral("files"),
                           outputHashes(*source, oneFile ? inside : QString()));
        return description;
    }
    // A file outside every run: the consumer's prov.json hashed it when the consumer finished.
    const QString absolute =
        QDir::cleanPath(QDir(consumer.record.runDirectory).absoluteFilePath(input));
    const QJsonObject entities =
        readJsonObject(QDir(consumer.record.runDirectory).filePath(QStringLiteral("prov.json")))
            .value(QStringLiteral("entity"))
            .toObject();
    const QJsonObject entity =
        entities
            .value(QStringLiteral("file:") +
                   QString::fromLatin1(QUrl::toPercentEncoding(absolute, "/-._~")))
            .toObject();
    QJsonArray files;
    if (!shaOf(entity).isEmpty()) {
        files.append(QJsonObject{{QStringLiteral("path"), absolute},
                                 {QStringLiteral("sha256"), shaOf(entity)}});
    }
    description.insert(QStringLiteral("files"), files);
    return description;
}

QJsonArray describeInputs(const KnownRun& consumer, const RunIndex& index) {
    QJsonArray inputs;
    for (const QString& input : consumer.spec.inputs) {
        inputs.append(describeInput(input, consumer, index));
    }
    return inputs;
}

// The last value of every metric the run reported (metrics.jsonl); NaN is left out (JSON).
QJsonObject lastMetrics(const KnownRun& run) {
    QJsonObject metrics;
    for (const MetricPoint& point : RunDirectory::open(run.record.runDirectory).metrics().points) {
        if (std::isfinite(point.value)) {
            metrics.insert(point.name, point.value);
        } else {
            metrics.remove(point.name);
        }
    }
    return metrics;
}

// Whether the run that consumed the model asked for more than its training domain: that run's
// outputs/domain.json (twins::sdk::recordTrainingDomain) as {"recorded": true, "inside",
// "departures": [...]}, or {"recorded": false} for a run of a twin that records none.
QJsonObject domainOfRun(const KnownRun& run) {
    const QJsonObject check = readJsonObject(
        QDir(run.record.runDirectory).filePath(QStringLiteral("outputs/domain.json")));
    if (check.value(QStringLiteral("format")).toString() != QStringLiteral("twinbench-domain/1")) {
        return QJsonObject{{QStringLiteral("recorded"), false}};
    }
    return QJsonObject{{QStringLiteral("recorded"), true},
                       {QStringLiteral("run"), run.record.id},
                       {QStringLiteral("inside"), check.value(QStringLiteral("inside")).toBool()},
                       {QStringLiteral("departures"), check.value(QStringLiteral("departures"))}};
}

// The calibration of probabilistic outputs: every "ece..." metric (expected calibration error)
// a validation run reports, with the run's reliability table when it wrote one
// (outputs/reliability.csv).
QJsonArray calibrationChecks(const KnownRun& run, const QJsonObject& metrics) {
    QJsonArray found;
    const QString reliability =
        QDir(run.record.runDirectory).filePath(QStringLiteral("outputs/reliability.csv"));
    for (auto it = metrics.begin(); it != metrics.end(); ++it) {
        if (!it.key().startsWith(QStringLiteral("ece"))) {
            continue;
        }
        QJsonObject entry{{QStringLiteral("run"), run.record.id},
                          {QStringLiteral("metric"), it.key()},
                          {QStringLiteral("value"), it.value()}};
        if (QFileInfo::exists(reliability)) {
            entry.insert(QStringLiteral("reliability"), reliability);
        }
        found.append(entry);
    }
    return found;
}

QList<FitnessThreshold> thresholdsFrom(const QList<FitnessThreshold>& thresholds,
                                       const QString& action) {
    QList<FitnessThreshold> found;
    for (const FitnessThreshold& threshold : thresholds) {
        if (threshold.from == action) {
            found << threshold;
        }
    }
    return found;
}

// Every reported metric against the thresholds of the run's action, then the thresholded
// metrics it did not report.
QJsonArray checkMetrics(const QJsonObject& metrics, const QList<FitnessThreshold>& thresholds) {
    QJsonArray checks;
    for (auto it = metrics.begin(); it != metrics.end(); ++it) {
        bool judged = false;
        for (const FitnessThreshold& threshold : thresholds) {
            if (threshold.metric == it.key()) {
                judged = true;
                const bool pass = threshold.passes(it.value().toDouble(NAN));
                checks.append(
                    QJsonObject{{QStringLiteral("metric"), it.key()},
                                {QStringLiteral("value"), it.value()},
                                {QStringLiteral("threshold"), threshold.text()},
                                {QStringLiteral("verdict"),
                                 pass ? QStringLiteral("pass") : QStringLiteral("fail")}});
            }
        }
        if (!judged) {
            checks.append(QJsonObject{{QStringLiteral("metric"), it.key()},
                                      {QStringLiteral("value"), it.value()},
                                      {QStringLiteral("verdict"), QStringLiteral("no threshold")}});
        }
    }
    for (const FitnessThreshold& threshold : thresholds) {
        if (!metrics.contains(threshold.metric)) {
            checks.append(QJsonObject{{QStringLiteral("metric"), threshold.metric},
                                      {QStringLiteral("threshold"), threshold.text()},
                                      {QStringLiteral("verdict"), QStringLiteral("not reported")}});
        }
    }
    return checks;
}

QJsonObject trainingCost(const QJsonObject& manifestCost) {
    QJsonObject cost = manifestCost;
    const double cpuSeconds = cost.value(QStringLiteral("cpu_seconds")).toDouble(NAN);
    if (!cost.contains(QStringLiteral("energy_wh")) && std::isfinite(cpuSeconds)) {
        // A model.json written before the energy estimate: the same estimate, made here.
        cost.insert(QStringLiteral("cpu_hours"), twins::sdk::cpuHours(cpuSeconds));
        cost.insert(QStringLiteral("watts_per_core"), twins::sdk::assumedWattsPerCore);
        cost.insert(QStringLiteral("energy_wh"), twins::sdk::energyEstimateWattHours(cpuSeconds));
    }
    if (cost.contains(QStringLiteral("energy_wh"))) {
        cost.insert(QStringLiteral("energy_basis"),
                    QStringLiteral("CPU hours x %1 W per core (the Green Algorithms default; the "
                                   "CPU alone, no memory, cooling or idle cores)")
                        .arg(cost.value(QStringLiteral("watts_per_core")).toDouble()));
    }
    return cost;
}

struct Candidate {
    QString run; // the run id (the model's own for its held-out metrics)
    QJsonObject metrics;
};

// The verdict over every action the thresholds name (see VvuqCard.h).
QJsonObject fitnessVerdict(const QList<FitnessThreshold>& thresholds, const QString& modelAction,
                           const Candidate& model, const QList<std::pair<QString, Candidate>>& runs,
                           const QString& moduleNote) {
    QJsonArray perThreshold;
    QStringList reasons;
    if (!moduleNote.isEmpty()) {
        reasons << moduleNote;
    } else if (thresholds.isEmpty()) {
        reasons << QStringLiteral("the twin declares no fit-for-purpose thresholds");
    }
    bool failed = false;
    bool missing = !reasons.isEmpty();
    QStringList actions;
    for (const FitnessThreshold& threshold : thresholds) {
        if (!actions.contains(threshold.from)) {
            actions << threshold.from;
        }
    }
    for (const QString& action : actions) {
        const QList<FitnessThreshold> group = thresholdsFrom(thresholds, action);
        QList<Candidate> candidates;
        if (action == modelAction) {
            candidates << model;
        } else {
            for (const auto& [runAction, candidate] : runs) {
                if (runAction == action) {
                    candidates << candidate;
                }
            }
        }
        QStringList passingAll;
        for (const Candidate& candidate : candidates) {
            const bool all =
                std::all_of(group.begin(), group.end(), [&](const FitnessThreshold& t) {
                    return t.passes(candidate.metrics.value(t.metric).toDouble(NAN));
                });
            if (all) {
                passingAll << candidate.run;
            }
        }
        bool groupMeasured = true;
        bool groupFails = false;
        for (const FitnessThreshold& threshold : group) {
            QJsonArray passing, failing;
            for (const Candidate& candidate : candidates) {
                if (!candidate.metrics.contains(threshold.metric)) {
                    continue;
                }
                (threshold.passes(candidate.metrics.value(threshold.metric).toDouble(NAN))
                     ? passing
                     : failing)
                    .append(candidate.run);
            }
            const QString verdict = !passing.isEmpty()   ? QStringLiteral("pass")
                                    : !failing.isEmpty() ? QStringLiteral("fail")
                                                         : QStringLiteral("not measured");
            QJsonObject entry = threshold.toJson();
            entry.insert(QStringLiteral("threshold"), threshold.text());
            entry.insert(QStringLiteral("verdict"), verdict);
            entry.insert(QStringLiteral("passing_runs"), passing);
            entry.insert(QStringLiteral("failing_runs"), failing);
            perThreshold.append(entry);
            if (verdict == QLatin1String("not measured")) {
                groupMeasured = false;
                reasons << (action == modelAction
                                ? QStringLiteral("the model's held-out metrics have no '%1' (%2)")
                                      .arg(threshold.metric, threshold.text())
                                : QStringLiteral("no %1 run downstream of the model reports '%2' "
                                                 "(%3)")
                                      .arg(action, threshold.metric, threshold.text()));
            } else if (verdict == QLatin1String("fail")) {
                groupFails = true;
                reasons << QStringLiteral("%1 fails on every %2 that reports it (%3)")
                               .arg(threshold.text(),
                                    action == modelAction ? QStringLiteral("held-out evaluation")
                                                          : action + QStringLiteral(" run"),
                                    [&] {
                                        QStringList values;
                                        for (const Candidate& c : candidates) {
                                            if (c.metrics.contains(threshold.metric)) {
                                                values << QString::number(
                                                    c.metrics.value(threshold.metric).toDouble(),
                                                    'g', 4);
                                            }
                                        }
                                        return values.join(QStringLiteral(", "));
                                    }());
            }
        }
        if (!passingAll.isEmpty()) {
            continue;
        }
        if (!groupMeasured) {
            missing = true;
        } else {
            failed = true;
            if (!groupFails) { // each threshold passes somewhere, never all on one run
                reasons << QStringLiteral("no single %1 meets all of its thresholds together")
                               .arg(action == modelAction ? QStringLiteral("held-out evaluation")
                                                          : action + QStringLiteral(" run"));
            }
        }
    }
    const QString verdict = failed    ? QStringLiteral("not fit for purpose")
                            : missing ? QStringLiteral("not established")
                                      : QStringLiteral("fit for purpose");
    return QJsonObject{{QStringLiteral("verdict"), verdict},
                       {QStringLiteral("thresholds"), perThreshold},
                       {QStringLiteral("reasons"), QJsonArray::fromStringList(reasons)}};
}

} // namespace

QJsonObject buildVvuqCard(const RunRegistry& registry, const QString& modelRunId,
                          const twins::sdk::ModuleMetadata* module) {
    const std::optional<RunRecord> record = registry.find(modelRunId);
    if (!record) {
        throw RunError(registry.databasePath(), QStringLiteral("no run '%1'").arg(modelRunId));
    }
    const QString manifestPath =
        QDir(record->runDirectory)
            .filePath(QStringLiteral("outputs/") + QString::fromLatin1(modelManifestName));
    if (record->state != RunState::Succeeded || !QFileInfo::exists(manifestPath)) {
        throw RunError(
            record->runDirectory,
            QStringLiteral("run %1 (%2 %3, %4) is not a trained model: a model is a "
                           "succeeded run with outputs/model.json")
                .arg(record->id, record->moduleId, record->action, runStateName(record->state)));
    }
    const ModelEntry model = ModelCatalogue::readModel(*record); // checks the manifest
    const QJsonObject manifest = readJsonObject(manifestPath);

    QStringList problems;
    const RunIndex index(registry, problems);
    const KnownRun* modelRun = index.find(model.runId);
    if (!modelRun) {
        throw RunError(record->runDirectory, QStringLiteral("cannot read the run's spec.json"));
    }

    QList<FitnessThreshold> thresholds;
    QString moduleNote;
    if (module) {
        thresholds = module->fitForPurpose;
    } else {
        moduleNote = QStringLiteral("twin '%1' is not installed: its fit-for-purpose thresholds "
                                    "are unknown")
                         .arg(model.moduleId);
    }
    QSet<QString> validationActions{QStringLiteral("validate")};
    for (const FitnessThreshold& threshold : thresholds) {
        if (threshold.from != model.action) {
            validationActions.insert(threshold.from);
        }
    }

    // Runs consuming the model directly, then those consuming one of them (not another model).
    QHash<QString, QString> via; // validation run -> the intermediate run, empty when direct
    QSet<QString> direct;
    for (const KnownRun& run : index.runs()) {
        if (run.record.id != model.runId && index.sourceRuns(run).contains(model.runId)) {
            direct.insert(run.record.id);
        }
    }
    QList<const KnownRun*> validations;
    for (const KnownRun& run : index.runs()) {
        if (run.record.id == model.runId || run.spec.moduleId != model.moduleId ||
            !validationActions.contains(run.spec.action) ||
            run.record.state != RunState::Succeeded) {
            continue;
        }
        QString through;
        bool downstream = direct.contains(run.record.id);
        if (!downstream) {
            for (const QString& source : index.sourceRuns(run)) {
                const KnownRun* intermediate = index.find(source);
                if (direct.contains(source) && intermediate && !intermediate->isModel) {
                    downstream = true;
                    through = source;
                    break;
                }
            }
        }
        if (downstream) {
            via.insert(run.record.id, through);
            validations << &run;
        }
    }
    std::sort(validations.begin(), validations.end(), [](const KnownRun* a, const KnownRun* b) {
        return a->record.createdAt < b->record.createdAt ||
               (a->record.createdAt == b->record.createdAt && a->record.id < b->record.id);
    });

    QJsonArray validationArray;
    QJsonArray calibration;
    QList<std::pair<QString, Candidate>> candidates;
    for (const KnownRun* run : validations) {
        QJsonObject metrics;
        try {
            metrics = lastMetrics(*run);
        } catch (const RunError& error) {
            problems << QString::fromUtf8(error.what());
        }
        QJsonObject entry{{QStringLiteral("run"), run->record.id},
                          {QStringLiteral("module"), run->spec.moduleId},
                          {QStringLiteral("action"), run->spec.action},
                          {QStringLiteral("state"), runStateName(run->record.state)},
                          {QStringLiteral("created"), isoTime(run->record.createdAt)},
                          {QStringLiteral("parameters"), run->spec.parameters},
                          {QStringLiteral("inputs"), describeInputs(*run, index)},
                          {QStringLiteral("metrics"), metrics},
                          {QStringLiteral("checks"),
                           checkMetrics(metrics, thresholdsFrom(thresholds, run->spec.action))}};
        const QString through = via.value(run->record.id);
        const KnownRun* consumer = through.isEmpty() ? run : index.find(through);
        entry.insert(QStringLiteral("domain"), domainOfRun(*consumer));
        for (const QJsonValue& check : calibrationChecks(*run, metrics)) {
            calibration.append(check);
        }
        if (!through.isEmpty()) {
            const KnownRun* intermediate = index.find(through);
            entry.insert(
                QStringLiteral("via"),
                QJsonObject{{QStringLiteral("run"), through},
                            {QStringLiteral("action"), intermediate->spec.action},
                            {QStringLiteral("parameters"), intermediate->spec.parameters}});
        }
        validationArray.append(entry);
        candidates.append({run->spec.action, Candidate{run->record.id, metrics}});
    }

    QJsonArray weights;
    for (const QString& path : model.weightPaths) {
        weights.append(QFileInfo(path).fileName());
    }
    QJsonObject trainingDetails = manifest.value(QStringLiteral("training_data")).toObject();
    trainingDetails.remove(QStringLiteral("inputs"));
    QJsonObject code = manifest.value(QStringLiteral("code")).toObject();
    if (code.isEmpty()) {
        code = QJsonObject{{QStringLiteral("twinbench"), model.twinbenchVersion},
                           {QStringLiteral("git"), model.gitRevision}};
    }
    QJsonArray thresholdArray;
    for (const FitnessThreshold& threshold : thresholds) {
        thresholdArray.append(threshold.toJson());
    }
    return QJsonObject{
        {QStringLiteral("format"), QString::fromLatin1(vvuqCardFormat)},
        {QStringLiteral("model"), QJsonObject{{QStringLiteral("run"), model.runId},
                                              {QStringLiteral("module"), model.moduleId},
                                              {QStringLiteral("action"), model.action},
                                              {QStringLiteral("created"), isoTime(model.createdAt)},
                                              {QStringLiteral("description"), model.description},
                                              {QStringLiteral("validated"), model.validated},
                                              {QStringLiteral("parameters"), model.parameters},
                                              {QStringLiteral("weights"), weights}}},
        {QStringLiteral("code"), code},
        {QStringLiteral("training_data"),
         QJsonObject{{QStringLiteral("inputs"), describeInputs(*modelRun, index)},
                     {QStringLiteral("details"), trainingDetails}}},
        {QStringLiteral("training_domain"),
         manifest.value(QStringLiteral("training_domain")).toObject()},
        {QStringLiteral("training_cost"),
         trainingCost(manifest.value(QStringLiteral("training_cost")).toObject())},
        {QStringLiteral("thresholds"), thresholdArray},
        {QStringLiteral("held_out"),
         QJsonObject{{QStringLiteral("metrics"), model.metrics},
                     {QStringLiteral("checks"),
                      checkMetrics(model.metrics, thresholdsFrom(thresholds, model.action))}}},
        {QStringLiteral("validations"), validationArray},
        {QStringLiteral("calibration"), calibration},
        {QStringLiteral("fit_for_purpose"),
         fitnessVerdict(thresholds, model.action, Candidate{model.runId, model.metrics}, candidates,
                        moduleNote)},
        {QStringLiteral("problems"), QJsonArray::fromStringList(problems)}};
}

} // namespace twins::runs
