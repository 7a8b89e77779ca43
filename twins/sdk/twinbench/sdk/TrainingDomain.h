#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace twins::sdk {

// Where a trained model's predictions are trustworthy, and whether an inference asked for more
// (issue 17, item 5). A model card's "training_domain" names every dimension the model was
// trained over; an inference action states what it is asked for in the same dimensions, and
// checkTrainingDomain compares them. Values, by what the model card holds:
//   [low, high] numbers      a range (energy_gev, theta_rad, years): the request, a number or a
//                            [low, high] range, must lie inside it;
//   a number                 an exact setting (resolution_degrees, rows): the request must equal
//                            it (relative tolerance 1e-9);
//   ["YYYY-MM-DD", "..."]    a period (two ISO dates): the requested date or period inside it;
//   a string or [strings]    categories (scenario "historical", world "standard"): every
//                            requested category must be one trained on.
// A dimension the request does not state is "not checked" (listed, never called inside); a
// request the model card cannot be compared with (a string against a range) is a departure
// saying so. Inference is flagged, not refused: extrapolation is the scientist's call, but it
// must be visible on the result, in the log and in the GUI.
struct DomainDeparture {
    QString dimension;
    QString trained;   // "[100, 200]", "historical", "0.25"
    QString requested; // "[150, 600]"
};

struct DomainCheck {
    QList<DomainDeparture> departures;
    QStringList checked;   // dimensions compared (inside or not)
    QStringList unchecked; // dimensions of the model the request does not state
    bool inside() const { return departures.isEmpty(); }
    // "energy_gev: requested [150, 600], trained [100, 200]; scenario: ..." (empty when inside)
    QString summary() const;
};

DomainCheck checkTrainingDomain(const QJsonObject& trainedDomain,
                                const QJsonObject& requestedDomain);

// The file an inference run writes beside its results (outputs/domain.json, format
// twinbench-domain/1): {"format", "model": the model run's directory or id, "inside": bool,
//   "departures": [{"dimension", "trained", "requested"}...], "checked": [...],
//   "unchecked": [...], "requested": {...}, "trained": {...}}.
// The GUI, the report and `twinbench-run` read it to flag the run's results.
inline constexpr char domainCheckFileName[] = "domain.json";
inline constexpr char domainCheckFormat[] = "twinbench-domain/1";

QJsonObject domainCheckJson(const DomainCheck& check, const QString& model,
                            const QJsonObject& trainedDomain, const QJsonObject& requestedDomain);

// Reads <outputDirectory>/model.json's training_domain (the model run's outputs); an empty
// object when the card has none. Throws SdkError naming the file when it is unreadable.
QJsonObject readTrainingDomain(const QString& modelOutputDirectory);

// Checks, writes <outputDirectory>/domain.json atomically and returns the check; the caller
// logs check.summary() when !check.inside(). Throws SdkError naming the file.
DomainCheck writeDomainCheck(const QString& outputDirectory, const QString& model,
                             const QJsonObject& trainedDomain, const QJsonObject& requestedDomain);

class ActionContext;

// What an inference action calls once it knows what it is asked for: reads the model card in
// `modelOutputDirectory`, writes domain.json into the run's outputs and, when outside, logs
// "warning: outside the model's training domain: <summary>; the model extrapolates there".
DomainCheck recordTrainingDomain(ActionContext& context, const QString& modelOutputDirectory,
                                 const QJsonObject& requestedDomain);

} // namespace twins::sdk
