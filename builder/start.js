// Starts the Builder's wasm (built into ../pkg/builder/ by scripts/build).
import init from "../pkg/builder/b2b_assessment_builder.js";
init({ module_or_path: new URL("../pkg/builder/b2b_assessment_builder_bg.wasm", import.meta.url) });
