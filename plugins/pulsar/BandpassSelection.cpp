#include "BandpassSelection.h"

#include "MaskFile.h"

namespace pulsar {

namespace {

const QString fitsCategory = QStringLiteral("the training receiver's");
const QString trustedCategory = QStringLiteral("the file's own, measured from >= %1 frames");
const QString shortCategory = QStringLiteral("the file's own, measured from < %1 frames");

QString fitText(const BandpassFit& fit, const std::vector<double>& columnGHz) {
    return QStringLiteral("%1 of %2 columns off by more than %3 noise unit(s), the largest %4 "
                          "at %5 GHz")
        .arg(fit.deviating)
        .arg(fit.columns)
        .arg(bandpassDeviationNoiseUnits)
        .arg(fit.largestDeviation, 0, 'f', 2)
        .arg(columnGHz[fit.largestColumn], 0, 'f', 4);
}

} // namespace

QString BandpassSelection::domainCategory() const {
    switch (source) {
    case Source::PerFrame:
        return {};
    case Source::Model:
        return fitsCategory;
    case Source::File:
        return (measuredFrames >= bandpassTrustedFrames ? trustedCategory : shortCategory)
            .arg(bandpassTrustedFrames);
    }
    return {};
}

QJsonArray bandpassDomain() {
    return QJsonArray{fitsCategory, trustedCategory.arg(bandpassTrustedFrames)};
}

PlannedFrames planFrames(const NetConfig& config, const FrameAt& frameAt, std::size_t frameCount,
                         const std::vector<double>& frequenciesGHz, std::size_t bins, int threads) {
    PlannedFrames out{delayGraphPlan(config, frequenciesGHz.front(), frequenciesGHz.back(),
                                     frequenciesGHz.size()),
                      {}};
    BandpassSelection& selection = out.bandpass;
    if (config.referenceBandpass.empty()) {
        selection.statement = QStringLiteral("the band profile from each frame (the model has no "
                                             "reference bandpass)");
        return out;
    }
    DelayGraphPlan& plan = out.plan;
    const NetworkGrid& grid = plan.grid();
    const MeasuredBandpass measured = measureBandpass(frameAt, frameCount, frequenciesGHz.size(),
                                                      bins, grid, bandpassMeasuredFrames, threads);
    selection.measuredFrames = measured.frames;
    const std::vector<double> columnGHz =
        resampledCentres(frequenciesGHz.front(), frequenciesGHz.back(), frequenciesGHz.size(),
                         std::size_t(grid.channels));
    QString why;
    if (!plan.referenceBandpass().empty()) {
        const BandpassFit fit = fitOfReference(plan.referenceBandpass(), measured);
        if (fit.fits()) {
            selection.source = BandpassSelection::Source::Model;
            selection.statement =
                QStringLiteral("the training receiver's bandpass, which fits its frames (%1)")
                    .arg(fitText(fit, columnGHz));
            return out;
        }
        why = QStringLiteral("its bandpass is not the training receiver's (%1)")
                  .arg(fitText(fit, columnGHz));
    } else {
        why = QStringLiteral("its band is not the one trained on");
    }
    plan.setReferenceBandpass(measured.levels);
    selection.source = BandpassSelection::Source::File;
    selection.statement =
        QStringLiteral("%1: the band profile is measured against its own bandpass, the median of "
                       "%2 frames' channel levels")
            .arg(why)
            .arg(measured.frames);
    if (measured.frames < bandpassTrustedFrames) {
        selection.statement +=
            QStringLiteral(" (fewer than %1: a carrier in more than half of them is taken for the "
                           "receiver's level, so NBRFI is less reliable)")
                .arg(bandpassTrustedFrames);
    }
    return out;
}

} // namespace pulsar
