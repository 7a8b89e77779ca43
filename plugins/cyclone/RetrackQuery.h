#pragma once

#include <QJsonObject>

#include <memory>

namespace cyclone {

// The `retrack` query (twinbench-run serve): re-derives detections from an infer run's raw
// per-member outputs (member_outputs.nc) with another threshold and consensus count, links them
// with other tracker settings and scores them against the truth, without running the CNN. The
// file and the truth CSV are read on the first query and kept for the next ones (the session
// worker keeps the module loaded), so a query costs only the aggregation, tracking and
// validation.
class RetrackQuery {
public:
    RetrackQuery();
    ~RetrackQuery();
    QJsonObject answer(const QJsonObject& arguments);

private:
    struct Cache;
    std::unique_ptr<Cache> m_cache;
};

} // namespace cyclone
