// Public entry of the pure core: the rest of the app and the benchmarks import from here.
export {};
