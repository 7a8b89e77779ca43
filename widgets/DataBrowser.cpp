#include "twinbench/widgets/DataBrowser.h"

#include "twinbench/data/Dataset.h"

#include <QFileInfo>
#include <QHeaderView>

#include <functional>

namespace twins::widgets {

namespace {
constexpr int pathRole = Qt::UserRole;
constexpr int variableRole = Qt::UserRole + 1;     // key of a showable variable
constexpr int variablePathRole = Qt::UserRole + 2; // full path of any variable
constexpr int groupPathRole = Qt::UserRole + 3;

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

void addAttributes(QTreeWidgetItem* parent, const std::vector<data::Attribute>& attributes,
                   const QString& prefix, const QBrush& colour) {
    for (const data::Attribute& attribute : attributes) {
        auto* item = new QTreeWidgetItem(parent);
        item->setText(0, prefix + QString::fromStdString(attribute.name));
        item->setText(1, attributeText(attribute));
        item->setToolTip(1, attributeText(attribute));
        if (colour.style() != Qt::NoBrush) {
            item->setForeground(0, colour);
        }
    }
}

QTreeWidgetItem* findDescendant(QTreeWidgetItem* root,
                                const std::function<bool(QTreeWidgetItem*)>& matches) {
    for (int i = 0; i < root->childCount(); ++i) {
        QTreeWidgetItem* child = root->child(i);
        if (matches(child)) {
            return child;
        }
        if (QTreeWidgetItem* found = findDescendant(child, matches)) {
            return found;
        }
    }
    return nullptr;
}
} // namespace

QString variableKey(const data::DatasetVariable& variable) {
    const bool inRoot = variable.path.find('/', 1) == std::string::npos;
    return QString::fromStdString(inRoot ? variable.name : variable.path);
}

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

void DataBrowser::addFile(const data::Dataset& dataset) {
    const QString path = QString::fromStdString(dataset.path());
    delete fileItem(path);
    auto* root = new QTreeWidgetItem(this);
    root->setText(0, QFileInfo(path).fileName());
    root->setText(1, QString::fromStdString(dataset.formatName()));
    root->setToolTip(0, path);
    root->setData(0, pathRole, path);
    root->setData(0, groupPathRole, QStringLiteral("/"));
    addGroupContents(root, dataset.root(), path);
    root->setExpanded(true);
}

void DataBrowser::addGroupContents(QTreeWidgetItem* parent, const data::DatasetGroup& group,
                                   const QString& path) {
    // Group and file attributes are marked with ':' as in CDL (":title = ...").
    addAttributes(parent, group.attributes, QStringLiteral(":"), palette().placeholderText());
    for (const data::DatasetVariable& variable : group.variables) {
        auto* item = new QTreeWidgetItem(parent);
        const QString name = QString::fromStdString(variable.name);
        item->setText(0, name);
        item->setText(1, shapeText(variable) + QStringLiteral("  ") +
                             QString::fromStdString(variable.typeName));
        item->setText(2, QString::fromStdString(variable.units()));
        const QString longName = QString::fromStdString(variable.longName());
        item->setToolTip(0, QString::fromStdString(variable.path) +
                                (longName.isEmpty() ? QString() : QStringLiteral("\n") + longName));
        item->setData(0, pathRole, path);
        item->setData(0, variablePathRole, QString::fromStdString(variable.path));
        if (variable.rank() >= 2 && variable.isNumeric()) {
            item->setData(0, variableRole, variableKey(variable));
        } else if (variable.rank() < 2) {
            item->setToolTip(1, tr("%1-D: a map needs at least 2 dimensions").arg(variable.rank()));
        } else {
            item->setToolTip(1, tr("not numeric: cannot be drawn as a map"));
        }
        addAttributes(item, variable.attributes, QString(), QBrush());
    }
    for (const data::DatasetGroup& subgroup : group.groups) {
        auto* item = new QTreeWidgetItem(parent);
        item->setText(0, QString::fromStdString(subgroup.name) + QLatin1Char('/'));
        item->setText(1, tr("group"));
        item->setToolTip(0, QString::fromStdString(subgroup.path));
        item->setData(0, pathRole, path);
        item->setData(0, groupPathRole, QString::fromStdString(subgroup.path));
        addGroupContents(item, subgroup, path);
        item->setExpanded(true);
    }
}

QTreeWidgetItem* DataBrowser::variableItem(const QString& path, const QString& variable) const {
    QTreeWidgetItem* root = fileItem(path);
    if (root == nullptr) {
        return nullptr;
    }
    return findDescendant(root, [&variable](QTreeWidgetItem* item) {
        return item->data(0, variablePathRole).toString() == variable ||
               (!item->data(0, variableRole).toString().isEmpty() &&
                item->data(0, variableRole).toString() == variable);
    });
}

QTreeWidgetItem* DataBrowser::groupItem(const QString& path, const QString& groupPath) const {
    QTreeWidgetItem* root = fileItem(path);
    if (root == nullptr || groupPath == QLatin1String("/")) {
        return root;
    }
    return findDescendant(root, [&groupPath](QTreeWidgetItem* item) {
        return item->data(0, groupPathRole).toString() == groupPath;
    });
}

void DataBrowser::selectVariable(const QString& path, const QString& variable) {
    QTreeWidgetItem* item = variableItem(path, variable);
    if (item == nullptr) {
        // A short name that is not in the root group: the only variable of that name.
        QTreeWidgetItem* root = fileItem(path);
        if (root == nullptr) {
            return;
        }
        item = findDescendant(root, [&variable](QTreeWidgetItem* candidate) {
            return !candidate->data(0, variablePathRole).toString().isEmpty() &&
                   candidate->text(0) == variable;
        });
    }
    if (item != nullptr) {
        const QSignalBlocker blocker(this);
        setCurrentItem(item);
    }
}

} // namespace twins::widgets
