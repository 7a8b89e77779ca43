#include "Retracking.h"

#include "PatchDetections.h"

#include <set>
#include <string>

namespace cyclone {

Retracked retrackOutputs(const MemberOutputs& outputs, const RetrackSettings& settings) {
    std::vector<Detection> detections;
    for (std::size_t step = 0; step < outputs.steps.size(); ++step) {
        const auto found = consensusDetections(*outputs.grid, outputs.steps[step],
                                               outputs.times[step], settings.consensus);
        detections.insert(detections.end(), found.begin(), found.end());
    }
    TrackerSettings tracker = settings.tracker;
    tracker.calendar = outputs.calendar;
    return Retracked{detections.size(), linkTracks(detections, tracker)};
}

std::vector<BestTrackPoint> truthInPeriod(const MemberOutputs& outputs,
                                          const std::vector<BestTrackPoint>& truth) {
    std::set<std::string> inferred;
    for (const CfDateTime& time : outputs.times) {
        inferred.insert(isoTime(time));
    }
    std::vector<BestTrackPoint> inside;
    for (const BestTrackPoint& point : truth) {
        if (inferred.count(isoTime(point.time)) != 0) {
            inside.push_back(point);
        }
    }
    return inside;
}

} // namespace cyclone
