#pragma once

#include "PatchDetections.h"
#include "PatchGrid.h"
#include "twinbench/data/NetcdfWriter.h"

#include <memory>
#include <string>
#include <vector>

namespace cyclone {

// member_outputs.nc of an infer run: every ensemble member's raw output for every tile of every
// step, and the drivers' attributes at each member's predicted centre. Everything the detection
// threshold, the consensus count and the tracker need, so they can be changed afterwards
// (the retrack query) without running the CNN again. Dimensions (time, member, tile,
// coordinate); the grid's latitude and longitude axes and the tiling are stored with it.
struct MemberOutputsInfo {
    std::string drivers; // the drivers file inferred on
    std::string truth;   // truth_tracks.csv beside it, "" when there is none
    std::string runId;
    std::string members; // what the members are, e.g. "2 models x 5 MC dropout passes"
};

class MemberOutputsWriter {
public:
    MemberOutputsWriter(const std::string& path, const PatchGrid& grid,
                        const std::vector<CfDateTime>& times, CfCalendar calendar,
                        std::size_t members, const MemberOutputsInfo& info);
    void writeStep(std::size_t step, const StepPredictions& predictions);
    void commit();

private:
    twins::data::NetcdfWriter m_writer;
    std::size_t m_members;
    std::size_t m_tiles;
    std::vector<float> m_buffer;
};

struct MemberOutputs {
    std::unique_ptr<PatchGrid> grid;
    std::vector<CfDateTime> times;
    CfCalendar calendar = CfCalendar::Standard;
    std::size_t members = 0;
    std::vector<StepPredictions> steps; // one per time
    MemberOutputsInfo info;
};

// Throws CycloneError / DataError naming the file for anything missing or inconsistent.
MemberOutputs readMemberOutputs(const std::string& path);

} // namespace cyclone
