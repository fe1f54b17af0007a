// The entry point: libFuzzer on the history reader (see FuzzHistoryReader.swift).
import FuzzDriver

runLibFuzzer(fuzzHistoryReader)
