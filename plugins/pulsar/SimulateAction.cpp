// simulate: frames of frequency x rotational phase with pulsar and RFI -> outputs/frames.nc,
// metrics frames_per_second and the class counts.
#include "ActionSupport.h"
#include "FrameFile.h"
#include "FrameSnapshot.h"
#include "ParallelFor.h"
#include "PulsarTwin.h"
#include "twinbench/insitu/Publisher.h"
#include "twinbench/jobs/CpuState.h"

#include <chrono>
#include <memory>

namespace pulsar {

namespace {
// 32 frames (11 MB at 600 channels) per block: cancellation is checked every ~0.1-0.3 s.
constexpr std::size_t blockFrames = 32;
} // namespace

void simulateAction(twins::sdk::ActionContext& context) {
    const QString source = QStringLiteral("pulsar simulate");
    const SimulationConfig config = simulationConfig(context, source);
    std::unique_ptr<FrameSimulator> simulator;
    withSettingsChecked(source, [&] { simulator = std::make_unique<FrameSimulator>(config); });
    const auto frames = std::size_t(context.parameters().value("frames").toInteger());
    const int threads = computeThreads(context);
    context.log(QStringLiteral("simulating %1 frames of %2 channels x %3 phase bins, seed %4, "
                               "%5 threads")
                    .arg(frames)
                    .arg(simulator->grid().channels())
                    .arg(simulator->grid().bins())
                    .arg(config.seed)
                    .arg(threads));
    FrameFileWriter file(outputPath(context, QStringLiteral("frames.nc")), *simulator, frames,
                         context.flag("write_flux"), runId(context));
    const auto start = std::chrono::steady_clock::now();
    double simulationSeconds = 0.0;
    std::size_t counts[3] = {0, 0, 0};
    std::vector<Frame> block;
    twins::insitu::Publisher publisher(context);
    for (std::size_t first = 0; first < frames; first += blockFrames) {
        context.throwIfCancelled();
        const std::size_t count = std::min(blockFrames, frames - first);
        block.assign(count, Frame{});
        const auto blockStart = std::chrono::steady_clock::now();
        twins::jobs::clearAvxUpperState();
        parallelFor(count, threads,
                    [&](std::size_t i) { block[i] = simulator->simulate(first + i); });
        simulationSeconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - blockStart).count();
        for (const Frame& frame : block) {
            counts[0] += frame.parameters.pulsar ? 1 : 0;
            counts[1] += frame.parameters.nbrfi ? 1 : 0;
            counts[2] += frame.parameters.bbrfi ? 1 : 0;
        }
        file.write(first, block);
        for (std::size_t i = 0; i < count; ++i) {
            if (publisher.due(std::int64_t(first + i), std::int64_t(frames))) {
                publisher.publish(
                    frameSnapshot(std::int64_t(first + i), block[i], simulator->grid()));
            }
        }
        context.reportProgress(double(first + count) / double(frames),
                               QStringLiteral("%1 of %2 frames").arg(first + count).arg(frames));
    }
    context.throwIfCancelled();
    file.commit();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    context.reportMetric(0, QStringLiteral("frames_per_second"),
                         double(frames) / simulationSeconds);
    context.reportMetric(0, QStringLiteral("frames_per_second_with_io"), double(frames) / seconds);
    context.reportMetric(0, QStringLiteral("pulsar_frames"), double(counts[0]));
    context.reportMetric(0, QStringLiteral("nbrfi_frames"), double(counts[1]));
    context.reportMetric(0, QStringLiteral("bbrfi_frames"), double(counts[2]));
    context.log(QStringLiteral("%1 frames (%2 with a pulsar, %3 NBRFI, %4 BBRFI), %5 frames/s "
                               "(%6 with the file)")
                    .arg(frames)
                    .arg(counts[0])
                    .arg(counts[1])
                    .arg(counts[2])
                    .arg(double(frames) / simulationSeconds, 0, 'g', 4)
                    .arg(double(frames) / seconds, 0, 'g', 4));
}

} // namespace pulsar
