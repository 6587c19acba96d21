import * as YAML from "yaml"; window.YAML = YAML;
