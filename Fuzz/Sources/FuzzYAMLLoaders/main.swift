// The entry point: libFuzzer on the YAML loaders (see FuzzYAMLLoaders.swift).
import FuzzDriver

runLibFuzzer(fuzzYAMLLoaders)
