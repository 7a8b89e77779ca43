#pragma once

#include "twinbench/federation/Executor.h"

#include <QList>
#include <QString>

namespace twins::federation {

// A batch job ready to hand to SLURM (through sbatch or slurmrestd): the script is written to
// disk first, so the run directory shows exactly what was submitted.
struct SlurmBatchJob {
    QString jobName;          // "tb-<module>-<action>"
    QString scriptPath;       // where the script was written
    QString script;           // its text
    QString workingDirectory; // the run directory, or the sweep directory for arrays
    QString outputPattern;    // SLURM's stdout/stderr file pattern
    int arraySize = 0;        // 0: a single job; n: --array=0-(n-1)
    // From the twin's action (RunResources.h; an array: the largest of its runs); 0: not
    // declared, SLURM's defaults apply.
    int cpusPerTask = 0;
    int memoryMiB = 0;
};

// RUNDIR/slurm-job.sh: `exec twinbench-run job RUNDIR`; output RUNDIR/slurm-%j.out.
// Throws FederationError naming the backend and run when the script cannot be written.
SlurmBatchJob writeSingleRunBatchJob(const QString& backend, const QString& workerExecutable,
                                     const BackendJob& job);

// One job array for a sweep: <runs root>/.slurm-arrays/<first run id>/runs.txt lists the run
// directories, one per line, and array-job.sh makes task i run line i+1, sending its output to
// RUNDIR/slurm-<array job>_<task>.out. The backend ids of the runs are then "<job id>_<i>".
SlurmBatchJob writeArrayBatchJob(const QString& backend, const QString& workerExecutable,
                                 const QList<BackendJob>& jobs);

// RUNDIR/backend.json {"backend": ..., "jobId": ...}: the run directory says where it ran even
// when copied away from the registry. Failures are reported, not thrown: the job is submitted.
QString writeSlurmBackendFile(const QString& runDirectory, const QString& backend,
                              const QString& jobId);

} // namespace twins::federation
