#pragma once

#include "twinbench/federation/Executor.h"
#include "twinbench/sdk/ModuleMetadata.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace twins::federation {

// What a Twinbench run looks like to interLink (interlink-hq/interLink, docs/openapi/ and
// pkg/interlink/types.go): a Kubernetes v1 Pod with one container running
// `twinbench-run job RUNDIR`, the runs folder mounted at its own path (a file system shared with
// the site, as for SLURM), SLURM options in the `slurm-job.vk.io/flags` annotation and
// resource limits that interLink's SLURM plugin turns into --cpus-per-task and --mem.
struct InterlinkPodOptions {
    QString namespaceName;    // Kubernetes namespace, e.g. "twinbench"
    QString image;            // the worker image (interLink's plugin runs it with Apptainer)
    QString workerExecutable; // twinbench-run as seen inside the job
    QStringList slurmFlags;   // e.g. {"--partition=debug", "--time=01:00:00"}
    int cpus = 1;             // limits.cpu, for actions that declare no resources
    QString memory;           // limits.memory ("512Mi"), for actions that declare none
    // The runs folder as the site's nodes see it, when they mount the shared file system at
    // another path than this machine (e.g. /gpfs/projects/tb/runs for ~/tb-runs); empty: the
    // same path. The pod's command, working directory and volume use the site's path.
    QString siteRunsDir;
};

// Which pod a run is: backendJobId "NAMESPACE/NAME/UID". The name comes from the run id (a
// DNS-1123 label), the UID is a name-based UUID of the run id, so both are stable.
struct InterlinkPodIdentity {
    QString namespaceName;
    QString name;
    QString uid;

    QString backendJobId() const;
    // Throws FederationError when `backendJobId` is not NAMESPACE/NAME/UID.
    static InterlinkPodIdentity fromBackendJobId(const QString& backendJobId);
    static InterlinkPodIdentity forRun(const QString& namespaceName, const QString& runId);
};

// The environment the worker gets: PATH, HOME, LANG, LD_LIBRARY_PATH and TWINBENCH_* of this
// process (how it finds itself and its plugins), nothing else; never a token. A
// TWINBENCH_RUNS_DIR naming `localRunsRoot` becomes `siteRunsRoot`.
QJsonArray interlinkWorkerEnvironment(const QString& localRunsRoot = {},
                                      const QString& siteRunsRoot = {});

// The run directory as the site sees it: `runDirectory` moved from its runs folder to
// options.siteRunsDir (unchanged when that is empty).
QString interlinkSiteRunDirectory(const InterlinkPodOptions& options, const QString& runDirectory);

// The PodCreateRequests body of POST /create for one run. `resources` is what the twin declares
// for the run's action (RunResources.h): its cpus and memory replace options.cpus and
// options.memory, which remain the limits of actions that declare nothing.
QJsonObject interlinkCreateRequest(const InterlinkPodOptions& options, const BackendJob& job,
                                   const InterlinkPodIdentity& pod,
                                   const sdk::ActionResources& resources = {});

// The minimal v1 Pod that names `pod` (metadata only): the body of /delete and an element of
// the /status list.
QJsonObject interlinkPodReference(const InterlinkPodIdentity& pod);

// The {Namespace, PodUID, PodName, ContainerName, Opts} body of /getLogs; tailLines 0: all.
QJsonObject interlinkLogRequest(const InterlinkPodIdentity& pod, int tailLines);

// One pod's entry of a /status answer ({name, UID, namespace, JID, containers: [...]}) as a
// run state with interLink's words as detail:
//   no container status yet, or waiting  -> queued
//   running                              -> running
//   terminated with exit code 0          -> succeeded
//   terminated by SIGTERM/SIGKILL, or a reason naming a cancel -> cancelled
//   terminated otherwise                 -> failed (exit code, reason and message in detail)
BackendObservation observeInterlinkPod(const QJsonObject& podStatus);

// The name of the one container of a Twinbench pod.
QString interlinkContainerName();

} // namespace twins::federation
