#include "twinbench/federation/InterlinkPod.h"

#include "twinbench/federation/FederationError.h"

#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QUuid>

namespace twins::federation {

namespace {

constexpr char containerName[] = "worker";
constexpr char flagsAnnotation[] = "slurm-job.vk.io/flags";

// A fixed namespace for the name-based UUIDs of run ids (any constant UUID would do; this one
// was drawn once at random).
const QUuid podUidNamespace(QStringLiteral("{6f1c3b52-0a8e-4d4e-9a57-2a54b3e1d0c7}"));

QString detailPrefix(const QJsonObject& podStatus) {
    const QString job = podStatus.value(QStringLiteral("JID")).toString();
    return job.isEmpty() ? QStringLiteral("interLink pod %1")
                               .arg(podStatus.value(QStringLiteral("name")).toString())
                         : QStringLiteral("interLink job %1").arg(job);
}

} // namespace

QString interlinkContainerName() {
    return QString::fromLatin1(containerName);
}

QString InterlinkPodIdentity::backendJobId() const {
    return namespaceName + QLatin1Char('/') + name + QLatin1Char('/') + uid;
}

InterlinkPodIdentity InterlinkPodIdentity::fromBackendJobId(const QString& backendJobId) {
    const QStringList parts = backendJobId.split(QLatin1Char('/'));
    if (parts.size() != 3 || parts.contains(QString())) {
        throw FederationError(QStringLiteral("interlink: '%1' is not a pod id (NAMESPACE/NAME/UID)")
                                  .arg(backendJobId));
    }
    return {parts[0], parts[1], parts[2]};
}

InterlinkPodIdentity InterlinkPodIdentity::forRun(const QString& namespaceName,
                                                  const QString& runId) {
    // DNS-1123 label: lower-case letters, digits and '-', at most 63 characters.
    static const QRegularExpression unsafe(QStringLiteral("[^a-z0-9-]+"));
    QString name = QStringLiteral("tb-") + runId.toLower().replace(unsafe, QStringLiteral("-"));
    name = name.left(63);
    while (name.endsWith(QLatin1Char('-'))) {
        name.chop(1);
    }
    const QString uid = QUuid::createUuidV5(podUidNamespace, runId).toString(QUuid::WithoutBraces);
    return {namespaceName, name, uid};
}

QJsonArray interlinkWorkerEnvironment(const QString& localRunsRoot, const QString& siteRunsRoot) {
    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
    QJsonArray environment;
    QStringList keys = system.keys();
    keys.sort();
    for (const QString& key : keys) {
        if (key.startsWith(QLatin1String("TWINBENCH_")) || key == QLatin1String("PATH") ||
            key == QLatin1String("HOME") || key == QLatin1String("LANG") ||
            key == QLatin1String("LD_LIBRARY_PATH")) {
            QString value = system.value(key);
            if (key == QLatin1String("TWINBENCH_RUNS_DIR") && !siteRunsRoot.isEmpty() &&
                QDir::cleanPath(value) == QDir::cleanPath(localRunsRoot)) {
                value = siteRunsRoot;
            }
            environment.append(
                QJsonObject{{QStringLiteral("name"), key}, {QStringLiteral("value"), value}});
        }
    }
    return environment;
}

QJsonObject interlinkPodReference(const InterlinkPodIdentity& pod) {
    return QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("kind"), QStringLiteral("Pod")},
        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), pod.name},
                                                 {QStringLiteral("namespace"), pod.namespaceName},
                                                 {QStringLiteral("uid"), pod.uid}}}};
}

QString interlinkSiteRunDirectory(const InterlinkPodOptions& options, const QString& runDirectory) {
    if (options.siteRunsDir.isEmpty()) {
        return runDirectory;
    }
    return QDir(QDir::cleanPath(options.siteRunsDir)).filePath(QFileInfo(runDirectory).fileName());
}

QJsonObject interlinkCreateRequest(const InterlinkPodOptions& options, const BackendJob& job,
                                   const InterlinkPodIdentity& pod,
                                   const sdk::ActionResources& resources) {
    // The runs folder holds the run directory and, for sweeps, its siblings: the worker reads
    // input runs from there too. Everything the site reads names the site's path.
    const QString localRunsRoot = QFileInfo(job.runDirectory).absolutePath();
    const QString runDirectory = interlinkSiteRunDirectory(options, job.runDirectory);
    const QString runsRoot = QFileInfo(runDirectory).absolutePath();
    const int cpus = resources.cpus > 0 ? resources.cpus : std::max(1, options.cpus);
    const QString memory =
        resources.memoryMiB > 0 ? QStringLiteral("%1Mi").arg(resources.memoryMiB) : options.memory;
    QJsonObject limits{{QStringLiteral("cpu"), QString::number(cpus)}};
    if (!memory.isEmpty()) {
        limits.insert(QStringLiteral("memory"), memory);
    }
    const QJsonObject container{
        {QStringLiteral("name"), interlinkContainerName()},
        {QStringLiteral("image"), options.image},
        {QStringLiteral("command"),
         QJsonArray{options.workerExecutable, QStringLiteral("job"), runDirectory}},
        {QStringLiteral("workingDir"), runDirectory},
        {QStringLiteral("env"), interlinkWorkerEnvironment(localRunsRoot, runsRoot)},
        {QStringLiteral("resources"),
         QJsonObject{{QStringLiteral("limits"), limits}, {QStringLiteral("requests"), limits}}},
        {QStringLiteral("volumeMounts"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("twinbench-runs")},
                                {QStringLiteral("mountPath"), runsRoot}}}}};
    QJsonObject metadata{
        {QStringLiteral("name"), pod.name},
        {QStringLiteral("namespace"), pod.namespaceName},
        {QStringLiteral("uid"), pod.uid},
        {QStringLiteral("labels"),
         QJsonObject{{QStringLiteral("app.kubernetes.io/managed-by"), QStringLiteral("twinbench")},
                     {QStringLiteral("twinbench.org/run-id"), job.runId}}}};
    if (!options.slurmFlags.isEmpty()) {
        metadata.insert(QStringLiteral("annotations"),
                        QJsonObject{{QString::fromLatin1(flagsAnnotation),
                                     options.slurmFlags.join(QLatin1Char(' '))}});
    }
    const QJsonObject spec{
        {QStringLiteral("restartPolicy"), QStringLiteral("Never")},
        {QStringLiteral("containers"), QJsonArray{container}},
        {QStringLiteral("volumes"),
         QJsonArray{
             QJsonObject{{QStringLiteral("name"), QStringLiteral("twinbench-runs")},
                         {QStringLiteral("hostPath"),
                          QJsonObject{{QStringLiteral("path"), runsRoot},
                                      {QStringLiteral("type"), QStringLiteral("Directory")}}}}}}};
    QJsonObject podObject = interlinkPodReference(pod);
    podObject.insert(QStringLiteral("metadata"), metadata);
    podObject.insert(QStringLiteral("spec"), spec);
    return QJsonObject{{QStringLiteral("pod"), podObject},
                       {QStringLiteral("configmaps"), QJsonArray{}},
                       {QStringLiteral("secrets"), QJsonArray{}},
                       {QStringLiteral("projectedvolumesmaps"), QJsonArray{}}};
}

QJsonObject interlinkLogRequest(const InterlinkPodIdentity& pod, int tailLines) {
    return QJsonObject{
        {QStringLiteral("Namespace"), pod.namespaceName},
        {QStringLiteral("PodUID"), pod.uid},
        {QStringLiteral("PodName"), pod.name},
        {QStringLiteral("ContainerName"), interlinkContainerName()},
        {QStringLiteral("Opts"), QJsonObject{{QStringLiteral("Tail"), std::max(0, tailLines)},
                                             {QStringLiteral("Bytes"), 0},
                                             {QStringLiteral("Timestamps"), false},
                                             {QStringLiteral("Follow"), false},
                                             {QStringLiteral("Previous"), false},
                                             {QStringLiteral("SinceSeconds"), 0}}}};
}

BackendObservation observeInterlinkPod(const QJsonObject& podStatus) {
    using twins::runs::RunState;
    BackendObservation observation;
    const QString prefix = detailPrefix(podStatus);
    QJsonObject container;
    for (const QJsonValue& value : podStatus.value(QStringLiteral("containers")).toArray()) {
        if (value[QStringLiteral("name")].toString() == interlinkContainerName() ||
            container.isEmpty()) {
            container = value.toObject();
        }
    }
    const QJsonObject state = container.value(QStringLiteral("state")).toObject();
    if (container.isEmpty() || state.isEmpty()) {
        observation.state = RunState::Queued;
        observation.detail = prefix + QStringLiteral(": accepted, no container status yet");
        return observation;
    }
    const auto reasonText = [](const QJsonObject& part) {
        const QString reason = part.value(QStringLiteral("reason")).toString();
        const QString message = part.value(QStringLiteral("message")).toString();
        if (reason.isEmpty()) {
            return message;
        }
        return message.isEmpty() ? reason : reason + QStringLiteral(": ") + message;
    };
    if (state.contains(QStringLiteral("terminated"))) {
        const QJsonObject terminated = state.value(QStringLiteral("terminated")).toObject();
        const int exitCode = terminated.value(QStringLiteral("exitCode")).toInt();
        const int signal = terminated.value(QStringLiteral("signal")).toInt();
        const QString reason = reasonText(terminated);
        observation.exitCode = exitCode;
        if (exitCode == 0 && signal == 0) {
            observation.state = RunState::Succeeded;
            observation.detail = prefix + QStringLiteral(": completed");
        } else if (signal == 15 || signal == 9 || reason.contains(QLatin1String("ancel"))) {
            observation.state = RunState::Cancelled;
            observation.detail = prefix + QStringLiteral(": cancelled (%1)").arg(reason);
        } else {
            observation.state = RunState::Failed;
            observation.detail =
                prefix +
                QStringLiteral(": exit code %1%2")
                    .arg(exitCode)
                    .arg(reason.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(reason));
        }
    } else if (state.contains(QStringLiteral("running"))) {
        observation.state = RunState::Running;
        const QString since =
            state.value(QStringLiteral("running"))[QStringLiteral("startedAt")].toString();
        observation.detail = prefix + QStringLiteral(": running") +
                             (since.isEmpty() ? QString() : QStringLiteral(" since ") + since);
    } else {
        observation.state = RunState::Queued;
        const QString reason = reasonText(state.value(QStringLiteral("waiting")).toObject());
        observation.detail = prefix + QStringLiteral(": waiting") +
                             (reason.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(reason));
    }
    return observation;
}

} // namespace twins::federation
