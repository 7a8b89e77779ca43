#pragma once

#include "Detection.h"

#include <string>
#include <vector>

namespace cyclone {

struct DetectionsFileInfo {
    CfCalendar calendar = CfCalendar::Standard;
    std::string source; // the drivers file the detections come from
    std::string runId;
    std::string title;
    std::string history;           // e.g. "twinbench cyclone infer"
    std::string confidenceMeaning; // long_name of the confidence variable
};

// detections.nc: a CF discrete-sampling-geometry "point" collection (CF 1.10 chapter 9), one
// obs per detection: time, lat, lon, confidence, wind, msl, vo_850, warm_core and the ensemble's
// spread (km) and agreeing members. NaN where the detector does not know a value. Atomic.
void writeDetectionsNetcdf(const std::string& path, const std::vector<Detection>& detections,
                           const DetectionsFileInfo& info);

} // namespace cyclone
