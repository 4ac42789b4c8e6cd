// SPDX-License-Identifier: GPL-2.0-or-later
// Holds searchd's answers to docs/api/openapi.yaml: a small validator for the
// subset of OpenAPI 3.0 schemas the file uses ($ref, type, nullable, enum,
// required, properties, additionalProperties: false, items, pattern,
// minimum, maximum, maxLength). Anything else in a schema is reported as
// unsupported, so the YAML cannot quietly outgrow the check.
#pragma once

#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace archivist::testing {

class OpenApiChecker {
 public:
  explicit OpenApiChecker(const std::string& yaml_path) : root_(YAML::LoadFile(yaml_path)) {}

  // Every documented path template ("/api/documents/{id}").
  std::vector<std::string> Paths() const {
    std::vector<std::string> paths;
    for (const auto& entry : root_["paths"]) paths.push_back(entry.first.as<std::string>());
    return paths;
  }

  // Problems with answering GET `path_template` with `status` and
  // `content_type` (parameters after ';' ignored); empty when documented.
  std::vector<std::string> CheckDocumented(const std::string& path_template, int status,
                                           const std::string& content_type) const {
    std::vector<std::string> problems;
    MediaType(path_template, status, content_type, problems);
    return problems;
  }

  // Problems with `body` as that answer; empty when it validates.
  std::vector<std::string> Check(const std::string& path_template, int status,
                                 const std::string& content_type,
                                 const nlohmann::json& body) const {
    std::vector<std::string> problems;
    const YAML::Node media = MediaType(path_template, status, content_type, problems);
    if (!problems.empty()) return problems;
    if (!media["schema"]) return {"no schema for " + path_template};
    Validate(media["schema"], body, "$", problems);
    return problems;
  }

 private:
  // yaml-cpp's Node::operator= writes through to the node referred to, so
  // nodes are rebound with reset() and only read through const handles.
  YAML::Node Resolve(const YAML::Node& start) const {
    YAML::Node node;
    node.reset(start);
    while (node.IsMap() && node["$ref"]) {
      const std::string ref = node["$ref"].as<std::string>();
      const std::string prefix = "#/components/";
      if (ref.rfind(prefix, 0) != 0) return YAML::Node();
      const std::string rest = ref.substr(prefix.size());
      const auto slash = rest.find('/');
      const YAML::Node& root = root_;
      node.reset(root["components"][rest.substr(0, slash)][rest.substr(slash + 1)]);
    }
    return node;
  }

  YAML::Node MediaType(const std::string& path_template, int status,
                       const std::string& content_type, std::vector<std::string>& problems) const {
    const YAML::Node operation = root_["paths"][path_template]["get"];
    if (!operation) {
      problems.push_back("GET " + path_template + " is not documented");
      return YAML::Node();
    }
    const YAML::Node response = Resolve(operation["responses"][std::to_string(status)]);
    if (!response) {
      problems.push_back("GET " + path_template + " does not document status " +
                         std::to_string(status));
      return YAML::Node();
    }
    const std::string media = content_type.substr(0, content_type.find(';'));
    const YAML::Node found = response["content"][media];
    if (!found) {
      problems.push_back("GET " + path_template + " " + std::to_string(status) +
                         " does not document content type " + media);
    }
    return found;
  }

  static bool IsType(const std::string& type, const nlohmann::json& value) {
    if (type == "object") return value.is_object();
    if (type == "array") return value.is_array();
    if (type == "string") return value.is_string();
    if (type == "integer") return value.is_number_integer();
    if (type == "number") return value.is_number();
    if (type == "boolean") return value.is_boolean();
    return false;
  }

  void Validate(const YAML::Node& unresolved, const nlohmann::json& value,
                const std::string& where, std::vector<std::string>& problems) const {
    const YAML::Node schema = Resolve(unresolved);
    if (!schema || !schema.IsMap()) {
      problems.push_back(where + ": unresolvable schema");
      return;
    }
    static const std::set<std::string> kKnown = {
        "type",  "nullable", "enum",    "required", "properties", "additionalProperties",
        "items", "pattern",  "minimum", "maximum",  "maxLength",  "description",
        "format", "default"};
    for (const auto& key : schema) {
      if (!kKnown.count(key.first.as<std::string>())) {
        problems.push_back(where + ": checker does not support '" + key.first.as<std::string>() +
                           "'");
      }
    }
    if (value.is_null() && schema["nullable"] && schema["nullable"].as<bool>()) return;
    if (schema["type"]) {
      const std::string type = schema["type"].as<std::string>();
      if (!IsType(type, value)) {
        problems.push_back(where + ": want " + type + ", got " + value.dump());
        return;
      }
    }
    if (schema["enum"]) {
      bool found = false;
      for (const auto& option : schema["enum"]) {
        found = found || (value.is_string() && value.get<std::string>() == option.as<std::string>());
      }
      if (!found) problems.push_back(where + ": " + value.dump() + " is not in the enum");
    }
    if (value.is_string()) {
      const std::string text = value.get<std::string>();
      if (schema["pattern"] &&
          !std::regex_search(text, std::regex(schema["pattern"].as<std::string>()))) {
        problems.push_back(where + ": '" + text + "' does not match " +
                           schema["pattern"].as<std::string>());
      }
      if (schema["maxLength"] && text.size() > schema["maxLength"].as<std::size_t>()) {
        problems.push_back(where + ": longer than maxLength");
      }
    }
    if (value.is_number()) {
      const double number = value.get<double>();
      if (schema["minimum"] && number < schema["minimum"].as<double>()) {
        problems.push_back(where + ": below minimum");
      }
      if (schema["maximum"] && number > schema["maximum"].as<double>()) {
        problems.push_back(where + ": above maximum");
      }
    }
    if (value.is_object()) {
      for (const auto& required : schema["required"]) {
        if (!value.contains(required.as<std::string>())) {
          problems.push_back(where + ": missing required '" + required.as<std::string>() + "'");
        }
      }
      const YAML::Node properties = schema["properties"];
      for (const auto& [key, member] : value.items()) {
        if (properties && properties[key]) {
          Validate(properties[key], member, where + "." + key, problems);
        } else if (schema["additionalProperties"] && !schema["additionalProperties"].as<bool>()) {
          problems.push_back(where + ": undocumented property '" + key + "'");
        }
      }
    }
    if (value.is_array() && schema["items"]) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        Validate(schema["items"], value[i], where + "[" + std::to_string(i) + "]", problems);
      }
    }
  }

  YAML::Node root_;
};

}  // namespace archivist::testing
