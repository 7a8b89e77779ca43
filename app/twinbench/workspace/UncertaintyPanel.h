#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;

namespace twins::app {

// How the active map shows the uncertainty of its field: a second variable of the same file
// and an encoding (the viz classes behind each are named in the panel's tooltips).
struct UncertaintyChoice {
    enum class Encoding { None, Spread, Vsup, Hatch, Exceedance };
    Encoding encoding = Encoding::None;
    QString variable; // the second variable (spread, uncertainty, or ensemble)
    double threshold = 0.0;
    // An attribute of `variable` where the file states its own threshold (a result spec's
    // threshold_attribute; export/StatedThreshold.h): read with the variable, it replaces
    // `threshold`. Empty when the user typed the threshold.
    QString thresholdAttribute;
    bool needsThreshold() const {
        return encoding == Encoding::Hatch || encoding == Encoding::Exceedance;
    }
    // "VSUP", "hatching", ...
    QString encodingName() const;
};

// The "Uncertainty" group of the Properties dock: second variable, encoding, threshold (for
// hatching and exceedance), Apply, and a status line that says what is shown or, in red, why
// the chosen variable does not fit. Widgets only; the UncertaintyController reads and applies.
class UncertaintyPanel : public QWidget {
    Q_OBJECT
public:
    explicit UncertaintyPanel(QWidget* parent = nullptr);

    // Variables of the active view's file that can carry its uncertainty.
    void setVariables(const QStringList& variables);
    // Shows a view's current choice without emitting anything.
    void setChoice(const UncertaintyChoice& choice);
    UncertaintyChoice choice() const;
    void setStatus(const QString& text, bool isError);
    QString statusText() const;
    bool statusIsError() const { return m_statusIsError; }

    QComboBox* variableBox() const { return m_variable; }
    QComboBox* encodingBox() const { return m_encoding; }
    QDoubleSpinBox* thresholdBox() const { return m_threshold; }
    QPushButton* applyButton() const { return m_apply; }

signals:
    void applyRequested(const twins::app::UncertaintyChoice& choice);

private:
    void updateEnabled();

    QComboBox* m_variable = nullptr;
    QComboBox* m_encoding = nullptr;
    QDoubleSpinBox* m_threshold = nullptr;
    QPushButton* m_apply = nullptr;
    QLabel* m_status = nullptr;
    bool m_statusIsError = false;
};

} // namespace twins::app
