// The pulsar twin's classical peer (plugins/pulsar/core): incoherent dedispersion recovers the
// injected DM of simulated frames (with and without RFI) and of a continuous observation
// written as a SIGPROC filterbank, whose header an independent reader (a small Python parser
// written here from the SIGPROC format description, run by Debian's python3) reads back; the
// false-alarm threshold does what it says; bad input is refused by name.
#include "Dedisperser.h"
#include "Dispersion.h"
#include "FalseAlarmThreshold.h"
#include "Filterbank.h"
#include "Folding.h"
#include "FrameSimulator.h"
#include "Observation.h"
#include "PulseProfile.h"
#include "twinbench/sdk/AtomicFile.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace {

// Reads a SIGPROC header the way the format describes it (int32 length + keyword, then an
// int32, a float64 or a string by keyword) and prints it as JSON with the number of samples.
const char* const headerReader =
    "import json, struct, sys\n"
    "b = open(sys.argv[1], 'rb').read()\n"
    "p = 0\n"
    "def text():\n"
    "    global p\n"
    "    n = struct.unpack('<i', b[p:p + 4])[0]\n"
    "    p += 4\n"
    "    v = b[p:p + n].decode('ascii')\n"
    "    p += n\n"
    "    return v\n"
    "ints = {'telescope_id', 'machine_id', 'data_type', 'nbits', 'nchans', 'nifs',\n"
    "        'barycentric', 'pulsarcentric', 'ibeam', 'nbeams'}\n"
    "doubles = {'fch1', 'foff', 'tstart', 'tsamp', 'az_start', 'za_start', 'src_raj',\n"
    "           'src_dej', 'period', 'refdm'}\n"
    "strings = {'rawdatafile', 'source_name'}\n"
    "assert text() == 'HEADER_START'\n"
    "h = {}\n"
    "while True:\n"
    "    k = text()\n"
    "    if k == 'HEADER_END':\n"
    "        break\n"
    "    if k in ints:\n"
    "        h[k] = struct.unpack('<i', b[p:p + 4])[0]; p += 4\n"
    "    elif k in doubles:\n"
    "        h[k] = struct.unpack('<d', b[p:p + 8])[0]; p += 8\n"
    "    elif k in strings:\n"
    "        h[k] = text()\n"
    "    else:\n"
    "        sys.exit('unknown keyword ' + k)\n"
    "sample = h['nchans'] * h['nifs'] * h['nbits'] // 8\n"
    "h['header_bytes'] = p\n"
    "h['samples'] = (len(b) - p) // sample\n"
    "h['remainder'] = (len(b) - p) % sample\n"
    "print(json.dumps(h))\n";

pulsar::SimulationConfig frameConfig() {
    pulsar::SimulationConfig config;
    config.channels = 128;
    config.seed = 21;
    config.pulsarFraction = 1.0;
    config.nbrfiFraction = 0.0;
    config.bbrfiFraction = 0.0;
    config.snrMin = config.snrMax = 15.0;
    config.dm = 40.0;
    config.dmSpread = 20.0;
    // Scattering tails bias the best DM upwards (a real effect, shown separately below); the
    // precision tests leave it out.
    config.scatteringMaxMs = 0.0;
    return config;
}

pulsar::ObservationConfig observationConfig() {
    pulsar::ObservationConfig config;
    config.pulsar.channels = 128;
    config.pulsar.seed = 3;
    config.periodS = 0.4;
    config.dm = 27.5;
    config.snr = 40.0;
    config.tsampMs = 1.0;
    config.durationS = 8.0;
    config.foldBins = 64;
    config.pulsar.scatteringMaxMs = 0.0;
    return config;
}

// Width (bins) of the noise-free dedispersed pulse at half its maximum, around its peak.
std::size_t halfMaximumWidth(const std::vector<double>& profile) {
    const std::size_t bins = profile.size();
    const auto peak =
        std::size_t(std::max_element(profile.begin(), profile.end()) - profile.begin());
    const double half = 0.5 * profile[peak];
    std::size_t width = 1;
    for (std::size_t k = 1; k < bins && profile[(peak + k) % bins] >= half; ++k) {
        ++width;
    }
    for (std::size_t k = 1; k < bins && profile[(peak + bins - k) % bins] >= half; ++k) {
        ++width;
    }
    return width;
}

double dmStep(const pulsar::Dedisperser& dedisperser) {
    return dedisperser.trialDms()[1] - dedisperser.trialDms()[0];
}

} // namespace

class PulsarDedispersionTest : public QObject {
    Q_OBJECT

private:
    // Searches frames of `config`; returns the largest |best DM - true DM| in units of the
    // tolerance: the DM error whose delay across the band equals the pulse's own width at half
    // maximum plus one bin (each channel's shift is rounded to the nearest bin: +-0.5 bin at
    // either end), at least two trial steps. Within it the misaligned pulse still overlaps
    // itself across the whole band: what a DM search can resolve for a pulse that wide.
    static double worstDmErrorInSteps(const pulsar::SimulationConfig& config, int frames,
                                      double* channelSamplesPerSecond = nullptr) {
        const pulsar::FrameSimulator simulator(config);
        const auto& grid = simulator.grid();
        double worst = 0.0, seconds = 0.0, work = 0.0;
        for (int index = 0; index < frames; ++index) {
            const pulsar::Frame frame = simulator.simulate(std::size_t(index));
            const pulsar::Dedisperser dedisperser(
                grid.frequenciesGHz, grid.bins(),
                pulsar::frameBinMs(frame.parameters.periodS, grid), {.dmMin = 0.0, .dmMax = 120.0});
            const auto start = std::chrono::steady_clock::now();
            const auto result = dedisperser.search(frame.data, 2);
            seconds +=
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            work += double(grid.pixels() * result.trials);
            const std::size_t width = halfMaximumWidth(pulsar::dedispersedProfile(
                frame.pulsarFlux, grid.bins(),
                pulsar::dedispersionShifts(grid.frequenciesGHz, frame.parameters.dm,
                                           pulsar::frameBinMs(frame.parameters.periodS, grid),
                                           grid.bins())));
            const double steps =
                std::abs(result.bestDm - frame.parameters.dm) / dmStep(dedisperser);
            const double error = steps / std::max(2.0, double(width) + 1.0);
            qInfo("frame %d: DM %.2f found %.2f (%.1f steps of %.3f; pulse %zu bins wide), S/N "
                  "%.1f",
                  index, frame.parameters.dm, result.bestDm, steps, dmStep(dedisperser), width,
                  result.snr);
            worst = std::max(worst, error);
        }
        if (channelSamplesPerSecond != nullptr) {
            *channelSamplesPerSecond = work / seconds;
        }
        return worst;
    }

private slots:
    void trialsAreOneBinApart() {
        const std::vector<double> band{0.849, 0.5, 0.25};
        const pulsar::Dedisperser dedisperser(band, 144, 5.0, {.dmMin = 0.0, .dmMax = 50.0});
        const double step = dmStep(dedisperser);
        // Between neighbouring trials the delay across the band changes by exactly one bin.
        QVERIFY(std::abs(pulsar::dispersionDelayMs(step, 0.25, 0.849) - 5.0) < 1e-9);
        QVERIFY(dedisperser.trialDms().back() <= 50.0);
        QVERIFY(dedisperser.trialDms().back() + step > 50.0);
    }

    // The search recovers the injected DM of S/N-15 frames, with and without RFI, within the
    // resolution the pulse's width allows (worstDmErrorInSteps).
    void recoversTheDmOfFrames() {
        double throughput = 0.0;
        const double clean = worstDmErrorInSteps(frameConfig(), 8, &throughput);
        qInfo("worst DM error without RFI: %.2f of the tolerance; %.3g trial channel-samples/s "
              "on 2 threads",
              clean, throughput);
        QVERIFY2(clean <= 1.0, qPrintable(QString::number(clean)));
        pulsar::SimulationConfig withRfi = frameConfig();
        withRfi.seed = 22;
        withRfi.nbrfiFraction = 1.0;
        withRfi.bbrfiFraction = 1.0;
        withRfi.rfi.variantFraction = 0.0;
        const double rfi = worstDmErrorInSteps(withRfi, 8);
        qInfo("worst DM error with steady NBRFI and BBRFI: %.2f of the tolerance", rfi);
        QVERIFY2(rfi <= 1.0, qPrintable(QString::number(rfi)));
    }

    void thresholdKeepsTheFalseAlarmRate() {
        std::vector<double> nulls;
        for (int i = 0; i < 200; ++i) {
            nulls.push_back(double(i));
        }
        const double threshold = pulsar::thresholdForFalseAlarmRate(nulls, 0.01);
        QCOMPARE(threshold, 197.0); // 198 and 199 above it: 2 of 200
        QCOMPARE(pulsar::thresholdForFalseAlarmRate({4.0, 2.0}, 0.01), 4.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 pulsar::thresholdForFalseAlarmRate({}, 0.01));
    }

    // A continuous observation as a SIGPROC filterbank: the header read back by the
    // independent Python reader, then the peer folds the file at its period and finds the DM.
    void filterbankHeaderAndDmRoundTrip() {
        const pulsar::ObservationConfig config = observationConfig();
        const pulsar::Observation observation = pulsar::simulateObservation(config);
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        const QString path = directory.filePath("observation.fil");
        std::string bytes = pulsar::encodeFilterbankHeader(observation.filterbank.header);
        bytes.append(reinterpret_cast<const char*>(observation.filterbank.values.data()),
                     observation.filterbank.values.size() * sizeof(float));
        twins::sdk::writeFileAtomically(path.toStdString(), bytes);

        QProcess python;
        python.start("/usr/bin/python3", {"-c", headerReader, path});
        QVERIFY(python.waitForFinished(60000));
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
        const QJsonObject header = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
        qInfo("header read by Python: %s",
              QJsonDocument(header).toJson(QJsonDocument::Compact).constData());
        QCOMPARE(header.value("data_type").toInt(), 1);
        QCOMPARE(header.value("nbits").toInt(), 32);
        QCOMPARE(header.value("nifs").toInt(), 1);
        QCOMPARE(header.value("nchans").toInt(), 128);
        QCOMPARE(header.value("telescope_id").toInt(), 0);
        QCOMPARE(header.value("machine_id").toInt(), 0);
        QCOMPARE(header.value("source_name").toString(), QString("PSR_SIM"));
        QCOMPARE(header.value("rawdatafile").toString(), QString("twinbench-pulsar"));
        QCOMPARE(header.value("fch1").toDouble(), 849.0);
        QVERIFY(std::abs(header.value("foff").toDouble() + 599.0 / 127.0) < 1e-9);
        QCOMPARE(header.value("tsamp").toDouble(), 0.001);
        QCOMPARE(header.value("tstart").toDouble(), 60000.0);
        QCOMPARE(header.value("period").toDouble(), 0.4);
        QCOMPARE(header.value("samples").toInt(), 8000);
        QCOMPARE(header.value("remainder").toInt(), 0);

        const pulsar::FilterbankData data = pulsar::readFilterbank(path.toStdString());
        QCOMPARE(data.samples, std::size_t(8000));
        const auto channels = std::size_t(data.header.nchans);
        std::vector<double> frequencies(channels);
        for (std::size_t c = 0; c < channels; ++c) {
            frequencies[c] = 1e-3 * (data.header.fch1 + double(c) * data.header.foff);
        }
        const std::size_t bins = 64;
        const auto start = std::chrono::steady_clock::now();
        const auto folded = pulsar::foldChannels(
            data.samples, channels, data.header.tsamp, data.header.periodS, bins,
            [&](std::size_t j, std::size_t c) { return double(data.values[j * channels + c]); });
        const pulsar::Dedisperser dedisperser(frequencies, bins,
                                              1000.0 * data.header.periodS / double(bins),
                                              {.dmMin = 0.0, .dmMax = 100.0});
        const auto result = dedisperser.search(folded, 2);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const double error = std::abs(result.bestDm - config.dm);
        qInfo("filterbank: injected DM %.2f, found %.3f (error %.3f, trial step %.3f), folded S/N "
              "%.1f (injected %.1f), %zu trials; fold + search %.3f s = %.3g channel-samples/s",
              config.dm, result.bestDm, error, dmStep(dedisperser), result.snr, config.snr,
              result.trials, seconds, double(data.samples * channels) / seconds);
        QVERIFY2(error <= 2.0 * dmStep(dedisperser), qPrintable(QString::number(error)));
        QVERIFY(result.snr > 15.0);
    }

    void badInputIsRefusedByName() {
        QVERIFY_THROWS_EXCEPTION(
            std::invalid_argument,
            pulsar::Dedisperser({0.8, 0.3}, 144, 5.0, {.dmMin = -1.0, .dmMax = 10.0}));
        try {
            pulsar::decodeFilterbank("not a filterbank at all", "junk.fil");
            QFAIL("garbage was read as a filterbank");
        } catch (const std::runtime_error& error) {
            QVERIFY2(QString(error.what()).contains("junk.fil: not a SIGPROC filterbank"),
                     error.what());
        }
        pulsar::ObservationConfig config = observationConfig();
        config.dm = -1.0;
        try {
            pulsar::simulateObservation(config);
            QFAIL("a negative DM was accepted");
        } catch (const std::invalid_argument& error) {
            QVERIFY2(QString(error.what()).contains("cannot be negative"), error.what());
        }
        config = observationConfig();
        config.pulsar.channels = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pulsar::simulateObservation(config));
    }
};

QTEST_GUILESS_MAIN(PulsarDedispersionTest)
#include "PulsarDedispersionTest.moc"
