#pragma once

#include <QJsonObject>
#include <QString>

namespace twins::app {

// A VVUQ card (twins/runs/VvuqCard.h) as an HTML fragment for QTextDocument (the Models dock,
// the run report): the verdict on a coloured badge, the thresholds and every check with
// pass/fail, each validation with its training-domain check, calibration, the training domain,
// cost, code versions and training data with hashes. No <html> or <body>: callers embed it.
// tableWidth: in the document's pixels (the PDF report's text width), 0 for 100%.
QString vvuqCardHtml(const QJsonObject& card, int tableWidth = 0);

// "fit for purpose" -> green, "not fit for purpose" -> red, anything else grey: the badge colour
// (tests look for it on screen).
QString verdictColour(const QString& verdict);

} // namespace twins::app
