#include "twinbench/widgets/DataBrowser.h"

#include "twinbench/data/NetcdfFile.h"

#include <QFileInfo>
#include <QHeaderView>

namespace twins::widgets {

namespace {
constexpr int pathRole = Qt::UserRole;
constexpr int variableRole = Qt::UserRole + 1;

QString attributeText(const data::Attribute& attribute) {
    if (attribute.isText) {
        return QString::fromStdString(attribute.text);
    }
    QStringList numbers;
    for (double number : attribute.numbers) {
        numbers << QString::number(number, 'g', 8);
    }
    return numbers.join(QStringLiteral(", "));
}

QString shapeText(const data::VariableInfo& variable) {
    QStringList parts;
    for (std::size_t axis = 0; axis < variable.rank(); ++axis) {
        parts << QStringLiteral("%1=%2")
                     .arg(QString::fromStdString(variable.dimensions[axis]))
                     .arg(variable.shape[axis]);
    }
    return parts.join(QStringLiteral(", "));
}
} // namespace

DataBrowser::DataBrowser(QWidget* parent) : QTreeWidget(parent) {
    setColumnCount(3);
    setHeaderLabels({tr("Name"), tr("Dimensions"), tr("Units")});
    header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    setAlternatingRowColors(true);
    setUniformRowHeights(true);
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item, int) {
        const QString variable = item->data(0, variableRole).toString();
        if (!variable.isEmpty()) {
            emit variableActivated(item->data(0, pathRole).toString(), variable);
        }
    });
}

QTreeWidgetItem* DataBrowser::fileItem(const QString& path) const {
    for (int i = 0; i < topLevelItemCount(); ++i) {
        if (topLevelItem(i)->data(0, pathRole).toString() == path) {
            return topLevelItem(i);
        }
    }
    return nullptr;
}

QStringList DataBrowser::filePaths() const {
    QStringList paths;
    for (int i = 0; i < topLevelItemCount(); ++i) {
        paths << topLevelItem(i)->data(0, pathRole).toString();
    }
    return paths;
}

void DataBrowser::addFile(const data::NetcdfFile& file) {
    const QString path = QString::fromStdString(file.path());
    delete fileItem(path);
    auto* root = new QTreeWidgetItem(this);
    root->setText(0, QFileInfo(path).fileName());
    root->setText(1, QString::fromStdString(file.formatName()));
    root->setToolTip(0, path);
    root->setData(0, pathRole, path);
    for (const data::Attribute& attribute : file.globalAttributes()) {
        auto* item = new QTreeWidgetItem(root);
        item->setText(0, QStringLiteral(":") + QString::fromStdString(attribute.name));
        item->setText(1, attributeText(attribute));
        item->setToolTip(1, attributeText(attribute));
        item->setForeground(0, palette().placeholderText());
    }
    for (const data::VariableInfo& variable : file.variables()) {
        auto* item = new QTreeWidgetItem(root);
        const QString name = QString::fromStdString(variable.name);
        item->setText(0, name);
        item->setText(1, shapeText(variable) + QStringLiteral("  ") +
                             QString::fromStdString(variable.typeName));
        item->setText(2, QString::fromStdString(variable.units()));
        const QString longName = QString::fromStdString(variable.longName());
        item->setToolTip(0, longName.isEmpty() ? name : longName);
        item->setData(0, pathRole, path);
        if (variable.rank() >= 2) {
            item->setData(0, variableRole, name);
        } else {
            item->setToolTip(1, tr("%1-D: a map needs at least 2 dimensions").arg(variable.rank()));
        }
        for (const data::Attribute& attribute : variable.attributes) {
            auto* child = new QTreeWidgetItem(item);
            child->setText(0, QString::fromStdString(attribute.name));
            child->setText(1, attributeText(attribute));
            child->setToolTip(1, attributeText(attribute));
        }
    }
    root->setExpanded(true);
}

void DataBrowser::selectVariable(const QString& path, const QString& variable) {
    QTreeWidgetItem* root = fileItem(path);
    if (root == nullptr) {
        return;
    }
    for (int i = 0; i < root->childCount(); ++i) {
        if (root->child(i)->data(0, variableRole).toString() == variable) {
            const QSignalBlocker blocker(this);
            setCurrentItem(root->child(i));
            return;
        }
    }
}

} // namespace twins::widgets
