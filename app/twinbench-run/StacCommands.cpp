// `twinbench-run stac search|browse`: finding datasets through STAC (twins/data/stac): search a
// STAC API, or walk a static catalogue, and print the items with their assets, whose hrefs open
// as any URL does (inspect, slice, --input).
#include "WorkerCommands.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/remote/RemoteDataset.h"
#include "twinbench/data/stac/StacCatalogue.h"
#include "twinbench/data/stac/StacSearch.h"

#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace worker {

namespace stac = twins::data::stac;

namespace {

constexpr const char* stacUsage =
    "Usage: twinbench-run stac search URL [--bbox W,S,E,N] [--datetime A/B]\n"
    "                                     [--collections a,b] [--limit N] [--page-size N] "
    "[--json]\n"
    "       twinbench-run stac browse URL [--limit N] [--json]\n";

int usageError(const std::string& message) {
    std::fprintf(stderr, "twinbench-run stac: %s\n%s", message.c_str(), stacUsage);
    return 2;
}

std::string number(double value) {
    std::ostringstream text;
    text << value;
    return text.str();
}

void printItem(std::ostringstream& out, const stac::StacItem& item, const std::string& indent) {
    out << indent << item.id;
    if (!item.collection.empty()) {
        out << "  " << item.collection;
    }
    out << "  " << item.timeText();
    if (!item.bbox.empty()) {
        out << "  bbox ";
        for (std::size_t i = 0; i < item.bbox.size(); ++i) {
            out << (i == 0 ? "" : ",") << number(item.bbox[i]);
        }
    }
    out << "\n";
    for (const stac::StacAsset& asset : item.assets) {
        out << indent << "  " << asset.key << ": " << asset.href;
        if (!asset.type.empty()) {
            out << " (" << asset.type << ")";
        }
        if (!asset.roles.empty()) {
            out << " [";
            for (std::size_t i = 0; i < asset.roles.size(); ++i) {
                out << (i == 0 ? "" : ",") << asset.roles[i];
            }
            out << "]";
        }
        out << "\n";
    }
    std::string properties;
    for (const auto& [name, value] : item.properties) {
        if (name == "datetime" || name == "start_datetime" || name == "end_datetime") {
            continue;
        }
        properties += (properties.empty() ? "" : ", ") + name + "=" + value;
    }
    if (!properties.empty()) {
        out << indent << "  properties: " << properties << "\n";
    }
}

void printNode(std::ostringstream& out, const stac::StacNode& node, const std::string& indent) {
    out << indent << node.type << " " << node.id;
    if (!node.title.empty()) {
        out << " \"" << node.title << "\"";
    }
    out << "  " << node.url << "\n";
    for (const stac::StacNode& child : node.children) {
        printNode(out, child, indent + "  ");
    }
    for (const stac::StacItem& item : node.items) {
        printItem(out, item, indent + "  ");
    }
}

struct Options {
    QString url;
    stac::StacSearchRequest search;
    std::size_t limit = 0;
    bool json = false;
};

// Parses the options of `command`; returns an error message, empty on success.
std::string parseOptions(const QString& command, const QStringList& arguments, Options& options) {
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        const bool search = command == QLatin1String("search");
        const auto value = [&]() -> QString {
            return i + 1 < arguments.size() ? arguments[++i] : QString();
        };
        const auto count = [&](const QString& text, std::size_t& into) -> std::string {
            bool ok = false;
            const qulonglong parsed = text.toULongLong(&ok);
            if (!ok || parsed == 0) {
                return argument.toStdString() + " needs a positive whole number, got '" +
                       text.toStdString() + "'";
            }
            into = static_cast<std::size_t>(parsed);
            return {};
        };
        if (argument == QLatin1String("--json")) {
            options.json = true;
        } else if (argument == QLatin1String("--limit")) {
            if (std::string error = count(value(), options.limit); !error.empty()) {
                return error;
            }
        } else if (search && argument == QLatin1String("--page-size")) {
            std::size_t size = 0;
            if (std::string error = count(value(), size); !error.empty()) {
                return error;
            }
            options.search.pageSize = static_cast<int>(std::min<std::size_t>(size, 10000));
        } else if (search && argument == QLatin1String("--bbox")) {
            options.search.bbox = stac::parseBbox(value().toStdString());
        } else if (search && argument == QLatin1String("--datetime")) {
            options.search.datetime = value().toStdString();
            stac::checkDatetimeFilter(options.search.datetime);
        } else if (search && argument == QLatin1String("--collections")) {
            for (const QString& id : value().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                options.search.collections.push_back(id.trimmed().toStdString());
            }
            if (options.search.collections.empty()) {
                return "--collections needs one or more ids separated by commas";
            }
        } else if (argument.startsWith(QLatin1Char('-'))) {
            return "unknown option '" + argument.toStdString() + "'";
        } else if (options.url.isEmpty()) {
            options.url = argument;
        } else {
            return "expected one URL, got '" + options.url.toStdString() + "' and '" +
                   argument.toStdString() + "'";
        }
    }
    if (options.url.isEmpty()) {
        return "expected the URL of a STAC API or catalogue";
    }
    return {};
}

} // namespace

const char* stacCommandsUsage() {
    return "  stac search URL [--bbox W,S,E,N] [--datetime A/B] [--collections a,b]\n"
           "                  [--limit N] [--page-size N] [--json]\n"
           "                    search a STAC API (URL: its landing page or /search) by\n"
           "                    POST /search, following 'next' links for at most N items\n"
           "                    (--limit, default 1000; --page-size is the server's 'limit');\n"
           "                    datetime an RFC 3339 instant or A/B with '..' open;\n"
           "                    prints each item with its time, bbox, assets and properties\n"
           "  stac browse URL [--limit N] [--json]\n"
           "                    walk a static STAC catalogue (catalog.json -> collections ->\n"
           "                    items; a path on disk works too) and print its tree;\n"
           "                    asset hrefs open with inspect, slice and --input\n";
}

int stacCommand(const QStringList& arguments) {
    if (arguments.isEmpty() || (arguments.first() != QLatin1String("search") &&
                                arguments.first() != QLatin1String("browse"))) {
        return usageError("expected 'search' or 'browse'");
    }
    const QString command = arguments.first();
    Options options;
    try {
        if (std::string error = parseOptions(command, arguments.mid(1), options); !error.empty()) {
            return usageError(error);
        }
    } catch (const std::invalid_argument& error) {
        return usageError(error.what());
    }
    const auto client = twins::data::remote::defaultHttpClient();
    const std::string url = options.url.toStdString();
    std::ostringstream out;
    try {
        if (command == QLatin1String("search")) {
            if (options.limit > 0) {
                options.search.maxItems = options.limit;
            }
            const stac::StacSearchResult result = stac::searchStac(*client, url, options.search);
            if (options.json) {
                out << stac::stacItemsJson(result.items);
            } else {
                out << result.items.size() << " items from " << result.searchUrl << " ("
                    << result.method << ", " << result.pages
                    << (result.pages == 1 ? " page" : " pages");
                if (result.matched) {
                    out << "; the server matched " << *result.matched;
                }
                out << (result.truncated ? "; more not read (--limit)" : "") << ")\n";
                for (const stac::StacItem& item : result.items) {
                    printItem(out, item, "");
                }
            }
        } else {
            stac::StacBrowseOptions browse;
            if (options.limit > 0) {
                browse.maxItems = options.limit;
            }
            const stac::StacBrowseResult result = stac::browseStacCatalogue(*client, url, browse);
            if (options.json) {
                out << stac::stacNodeJson(result.root);
            } else {
                printNode(out, result.root, "");
                out << result.itemCount << " items in " << result.documents << " documents"
                    << (result.truncated ? " (more not read: --limit)" : "") << "\n";
            }
        }
    } catch (const twins::data::DataError& error) {
        std::fprintf(stderr, "twinbench-run stac %s: %s\n", qPrintable(command), error.what());
        return 1;
    }
    const std::string text = out.str();
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
}

} // namespace worker
