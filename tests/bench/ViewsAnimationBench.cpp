// Animation in the map view: a 1440x721 float32 field (the embedded example's mean sea-level
// pressure, 48 steps, generated here) stepped through time in a MapView on screen, each step
// read from the NetCDF file through the Dataset API and shown. Three ways are timed:
//  - rebuild: MapView::setField per step (a new projected mesh each time, the old GUI path);
//  - serial: read, then swap the cell values (MapScene::replaceFieldValues) and render;
//  - prefetched: the same with the next step read on a worker thread while this one renders
//    (what the window's time slider and the animation export do); median of three passes.
// The prefetched rate is measured in Plate Carree and in Robinson. The read of one step alone
// (readFieldSlice, what the reader thread does per frame) is timed against netCDF-C's own
// nc_get_vara_float of the same step into a float buffer, in the same run: the library's floor
// (decompression and copy), so the ratio is what our decoding and orientation add. Then the time
// to render the map offscreen at 3840x2160 and write it as PNG. Target (issue 5): 30+ fps, a
// frame every 33.3 ms, reads included. As a ratio to the peer measured in the same run: when
// issue 5 met it on this machine (session 6: 34-43 fps), NetCDF-C read a step in 13.4-17.5 ms
// (15.5 in the middle), so the Plate Carree frame time must stay <= 33.3 / 15.5 = 2.15x NetCDF-C's
// read of one step. Writes build/bench/views_animation.json. Label "bench".
#include "BenchTargets.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/data/examples/SyntheticSurfaceTemperature.h"
#include "twinbench/viz/MapView.h"
#include "twinbench/viz/VtkVersion.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QFuture>
#include <QSignalSpy>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

#include <netcdf.h>

#include <algorithm>
#include <memory>
#include <vector>

namespace {
constexpr std::size_t steps = 48;
using Slice = std::shared_ptr<const twins::data::FieldSlice>;

Slice readStep(const twins::data::Dataset& dataset, const twins::data::DatasetVariable& variable,
               std::size_t step) {
    return std::make_shared<const twins::data::FieldSlice>(
        twins::data::readFieldSlice(dataset, variable, {{"time", step}}));
}

// Shows a field and waits until the view has drawn it.
bool showAndDraw(twins::viz::MapView& view, const Slice& slice, bool rebuild) {
    QSignalSpy drawn(&view, &twins::viz::MapView::frameRendered);
    if (rebuild || !view.scene().replaceFieldValues(slice)) {
        if (!view.setField(slice)) {
            return false;
        }
    }
    view.update();
    return drawn.wait(10000);
}
// Frames per second over the 48 steps, each read on a worker thread while the previous one is
// drawn (what the window's time slider and the animation export do).
double prefetchedRate(twins::viz::MapView& view, const twins::data::Dataset& dataset,
                      const twins::data::DatasetVariable& msl) {
    dataset.clearCache();
    QElapsedTimer timer;
    timer.start();
    QFuture<Slice> next = QtConcurrent::run([&dataset, &msl] { return readStep(dataset, msl, 0); });
    for (std::size_t step = 0; step < steps; ++step) {
        const Slice current = next.result();
        if (step + 1 < steps) {
            next = QtConcurrent::run(
                [&dataset, &msl, step] { return readStep(dataset, msl, step + 1); });
        }
        if (!showAndDraw(view, current, false)) {
            return 0.0;
        }
    }
    return 1000.0 * steps / double(timer.elapsed());
}
double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// Milliseconds per step of readFieldSlice over every step, the chunk cache cleared first so each
// step is read and decompressed (as in the animation).
double fieldSliceReadMs(const twins::data::Dataset& dataset,
                        const twins::data::DatasetVariable& msl) {
    dataset.clearCache();
    std::vector<double> times;
    for (std::size_t step = 0; step < steps; ++step) {
        QElapsedTimer timer;
        timer.start();
        const Slice slice = readStep(dataset, msl, step);
        times.push_back(timer.nsecsElapsed() / 1e6);
        if (slice->finiteCount == 0) {
            return 0.0;
        }
    }
    return median(times);
}

// The same steps through netCDF-C alone: nc_get_vara_float of (step, all, all), no CF decoding,
// no orientation. 0 on any netCDF error.
double netcdfReadMs(const QString& path) {
    int file = 0, variable = 0;
    if (nc_open(path.toLocal8Bit().constData(), NC_NOWRITE, &file) != NC_NOERR) {
        return 0.0;
    }
    std::vector<double> times;
    std::vector<float> values(721 * 1440);
    bool ok = nc_inq_varid(file, "msl", &variable) == NC_NOERR;
    for (std::size_t step = 0; ok && step < steps; ++step) {
        const std::size_t start[3] = {step, 0, 0}, count[3] = {1, 721, 1440};
        QElapsedTimer timer;
        timer.start();
        ok = nc_get_vara_float(file, variable, start, count, values.data()) == NC_NOERR;
        times.push_back(timer.nsecsElapsed() / 1e6);
    }
    nc_close(file);
    return ok ? median(times) : 0.0;
}
} // namespace

class ViewsAnimationBench : public QObject {
    Q_OBJECT

private slots:
    void animationAndExport() {
        twins::bench::BenchReport report("views_animation");
        const QString path = QStringLiteral(TWINBENCH_BINARY_DIR "/bench/views-48-steps.nc");
        QDir().mkpath(QFileInfo(path).absolutePath());
        if (!QFile::exists(path)) {
            twins::data::examples::SyntheticSurfaceOptions options;
            options.times = steps;
            twins::data::examples::writeSyntheticSurfaceFile(path.toStdString(), options);
        }
        const auto dataset = twins::data::openDataset(path.toStdString());
        const twins::data::DatasetVariable& msl = dataset->variable("msl");
        QCOMPARE(msl.shape.back(), std::size_t(1440));

        // Reads alone, before any view exists, peer first (the OS page cache is warm for both).
        const double netcdfMs = netcdfReadMs(path);
        const double sliceMs = fieldSliceReadMs(*dataset, msl);
        QVERIFY(netcdfMs > 0.0 && sliceMs > 0.0);

        twins::viz::MapView view;
        view.resize(1000, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setProjection(twins::viz::MapProjection::fromName("plate-carree"));
        QVERIFY(showAndDraw(view, readStep(*dataset, msl, 0), true));
        const auto range = view.scene().colorRange();
        view.setColorRange(range.minimum, range.maximum);

        // rebuild: a new mesh per step (a few steps suffice, it is slow).
        constexpr std::size_t rebuildSteps = 6;
        QElapsedTimer timer;
        timer.start();
        for (std::size_t step = 1; step <= rebuildSteps; ++step) {
            QVERIFY(showAndDraw(view, readStep(*dataset, msl, step), true));
        }
        const double rebuildFps = 1000.0 * rebuildSteps / timer.elapsed();

        // serial: read then swap values.
        dataset->clearCache();
        timer.restart();
        for (std::size_t step = 0; step < steps; ++step) {
            QVERIFY(showAndDraw(view, readStep(*dataset, msl, step), false));
        }
        const double serialFps = 1000.0 * steps / timer.elapsed();

        // prefetched: the next step is read while this one is drawn. The median of three passes
        // over the 48 steps: on a 2-core machine one pass varies by +-10% from run to run.
        const auto medianRate = [&] {
            std::vector<double> rates;
            for (int pass = 0; pass < 3; ++pass) {
                rates.push_back(prefetchedRate(view, *dataset, msl));
            }
            return median(rates);
        };
        const int framesBefore = view.frameCount();
        const double prefetchedFps = medianRate();
        QVERIFY(view.frameCount() - framesBefore >= 3 * int(steps));
        // The same in Robinson, a curved projection (a finer texture mesh, MapFieldTexture.h).
        view.setProjection(twins::viz::MapProjection::fromName("robinson"));
        const double robinsonFps = medianRate();
        view.setProjection(twins::viz::MapProjection::fromName("plate-carree"));

        // 4K PNG of the map, offscreen.
        timer.restart();
        const QImage image = view.renderToImage(QSize(3840, 2160));
        const double renderMs = timer.elapsed();
        QCOMPARE(image.size(), QSize(3840, 2160));
        const QString png = QStringLiteral(TWINBENCH_BINARY_DIR "/bench/views-4k.png");
        timer.restart();
        QVERIFY(image.save(png, "PNG"));
        const double writeMs = timer.elapsed();

        report.add({"animate 1440x721, reads included, Plate Carree", "ms per frame",
                    "MapView, next step read while this one draws (median of 3 passes)",
                    1000.0 / prefetchedFps, "NetCDF-C nc_get_vara_float of one step (median)",
                    netcdfMs, twins::bench::Better::Lower, 2.15,
                    "issue 5: 30+ fps = 33.3 ms, = 2.15x NetCDF-C's 15.5 ms read of session 6"});
        report.detail("field", "msl 1440x721 float32, 48 steps, NetCDF-4 (synthetic example)");
        report.detail("view", "MapView 1000x600, Plate Carree, coastlines, graticule, colour bar");
        report.detail("rebuild_mesh_fps", rebuildFps);
        report.detail("serial_read_then_draw_fps", serialFps);
        report.detail("prefetched_fps", prefetchedFps);
        report.detail("prefetched_robinson_fps", robinsonFps);
        report.detail("read_step_ms", sliceMs);
        report.detail("netcdf_c_read_step_ms", netcdfMs);
        report.detail("read_step_over_netcdf_c", sliceMs / netcdfMs);
        report.detail("png_4k_render_ms", renderMs);
        report.detail("png_4k_write_ms", writeMs);
        report.detail("png_4k_total_ms", renderMs + writeMs);
        qInfo("prefetched %.1f fps (Robinson %.1f), serial %.1f, rebuild %.1f; read %.1f ms "
              "(NetCDF-C %.1f ms); 4K PNG %.0f ms",
              prefetchedFps, robinsonFps, serialFps, rebuildFps, sliceMs, netcdfMs,
              renderMs + writeMs);
        TWINBENCH_REPORT_AND_VERIFY(report);
    }
};

int main(int argc, char** argv) {
    twins::viz::prepareOpenGLBeforeApplication();
    QApplication application(argc, argv);
    ViewsAnimationBench bench;
    return QTest::qExec(&bench, argc, argv);
}

#include "ViewsAnimationBench.moc"
