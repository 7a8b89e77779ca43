#pragma once

#include "twinbench/federation/Executor.h"
#include "twinbench/federation/SlurmJobTable.h"

#include <chrono>

namespace twins::federation {

// SLURM through its command-line tools (sbatch, scontrol, scancel), on this machine or on a
// login node over ssh. Every call has a timeout: a controller that is down makes scontrol
// retry for ~9 s, so the default of 10 s still reports it rather than hanging.
class SlurmCliExecutor : public Executor {
public:
    struct Options {
        QString workerExecutable; // twinbench-run as seen from the compute nodes
        QString sshHost;          // empty: run the tools locally; else "user@login-node"
        QString partition;        // empty: the cluster's default partition
        QStringList extraSbatchFlags;
        std::chrono::milliseconds commandTimeout{10000};
    };

    explicit SlurmCliExecutor(Options options);

    QString name() const override;
    QString submit(const BackendJob& job) override;
    // One `sbatch --array=0-(n-1)` for all runs; ids "<job>_<task>".
    QStringList submitArray(const QList<BackendJob>& jobs) override;
    // One `scontrol show job -o` for all runs; jobs SLURM no longer lists are looked up in the
    // jobcomp/filetxt log (JobCompLoc from `scontrol show config`).
    QHash<QString, BackendObservation> query(const QList<BackendJob>& jobs) override;
    void cancel(const BackendJob& job) override;

    // The full command line for a SLURM tool: `tool arguments...` locally, or
    // `ssh -o BatchMode=yes host -- 'tool' 'arguments'...` for a remote login node. Every
    // SLURM call goes through here.
    QStringList commandLine(const QStringList& toolAndArguments) const;

private:
    QString sbatch(const QStringList& arguments, const QString& runId);
    std::optional<QList<SlurmJobRecord>> completedJobLog();

    Options m_options;
    QString m_jobCompletionLog; // cached JobCompLoc
};

} // namespace twins::federation
