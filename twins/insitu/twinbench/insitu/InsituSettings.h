#pragma once

#include <QJsonObject>
#include <QString>

#include <cstdint>

namespace twins::insitu {

enum class InsituMode { Off, Extracts, Catalyst };

// The SDK's common in-situ run parameters (twinbench/sdk/CommonRunParameters.h) of one run.
struct InsituSettings {
    InsituMode mode = InsituMode::Off;
    int every = 0;  // 0: automatic (at least ten extracts per run)
    int keep = 200; // extracts kept in insitu/
    QString script; // Catalyst Python script
    QString live;   // HOST:PORT for Catalyst Live

    // Reads the resolved parameters of a run; missing keys keep the defaults above (a context
    // made by a test need not carry them).
    static InsituSettings fromParameters(const QJsonObject& parameters);

    bool enabled() const { return mode != InsituMode::Off; }
    // The publishing interval for a run of `steps` steps: `every`, or when 0 the largest
    // interval that still gives at least ten extracts (every step for runs under 20 steps).
    std::int64_t interval(std::int64_t steps) const;
    // Whether 0-based `step` of `steps` is published: every interval-th step, and the last.
    bool due(std::int64_t step, std::int64_t steps) const;
};

// What a run's start checks before the twin is loaded: insitu=catalyst needs the Catalyst
// adaptor (CatalystAdaptor.h) and a script. Throws SdkError with the message the run fails with.
void checkRunStart(const InsituSettings& settings);

} // namespace twins::insitu
