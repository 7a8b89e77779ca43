#pragma once

#include "twinbench/insitu/Snapshot.h"

#include <QString>

namespace twins::insitu {

// One run's co-processing through the ParaView Catalyst adaptor library (CatalystAbi.h): loads
// the adaptor with dlopen (RTLD_LOCAL: ParaView's VTK 9.2 stays out of the global scope), starts
// Catalyst with the run's script, hands it each published snapshot, and finalizes when
// destroyed. Only the worker makes one (through the Publisher, for insitu=catalyst); the GUI
// never does. At most one per process: ParaView's Catalyst starts and ends MPI.
class CatalystSession {
public:
    // adaptor: the library's path (findCatalystAdaptor()); script: the Catalyst Python script;
    // workingDirectory: where the script's relative extract paths land (the run's insitu/);
    // liveUrl: HOST:PORT for Catalyst Live, empty for none. Throws SdkError saying why Catalyst
    // could not start (library not loadable, built for another ABI, script refused).
    CatalystSession(const QString& adaptor, const QString& script, const QString& workingDirectory,
                    const QString& liveUrl);
    ~CatalystSession();
    CatalystSession(const CatalystSession&) = delete;
    CatalystSession& operator=(const CatalystSession&) = delete;

    // Runs the script's pipeline on the snapshot. Throws SdkError when the pipeline fails.
    void coprocess(const Snapshot& snapshot);

private:
    struct Entry;
    Entry* m_entry = nullptr;
};

} // namespace twins::insitu
