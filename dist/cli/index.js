#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 6346:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _cli_run_cli_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1368);
// The CLI's entry point: runs the CLI and exits with its code.

process.exitCode = await (0,_cli_run_cli_js__WEBPACK_IMPORTED_MODULE_0__/* .runCli */ .a)(process.argv.slice(2));

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 1368:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  a: () => (/* binding */ runCli)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
var external_node_os_default = /*#__PURE__*/__nccwpck_require__.n(external_node_os_);
;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: ../main/node_modules/zod/v4/core/util.js

// functions
function assertEqual(val) {
    return val;
}
function assertNotEqual(val) {
    return val;
}
function toZod() {
    return (schema) => schema;
}
function assertIs(_arg) { }
function assertNever(_x) {
    throw new Error("Unexpected value in exhaustive check");
}
function assert(_) { }
function getEnumValues(entries) {
    const numericValues = Object.values(entries).filter((v) => typeof v === "number");
    const values = Object.entries(entries)
        .filter(([k, _]) => numericValues.indexOf(+k) === -1)
        .map(([_, v]) => v);
    return values;
}
function joinValues(array, separator = "|") {
    return array.map((val) => stringifyPrimitive(val)).join(separator);
}
function jsonStringifyReplacer(_, value) {
    if (typeof value === "bigint")
        return value.toString();
    return value;
}
// the accessor lives on a shared prototype: an own accessor makes every box a dictionary-mode object (~360 B and a slow load per read against ~100 B and an inlined getter here)
class Cached {
    constructor(getter) {
        this._getter = getter;
        this._value = undefined;
    }
    get value() {
        const getter = this._getter;
        if (getter !== undefined) {
            this._value = getter();
            this._getter = undefined;
        }
        return this._value;
    }
}
function cached(getter) {
    return new Cached(getter);
}
function nullish(input) {
    return input === null || input === undefined;
}
function cleanRegex(source) {
    const start = source.startsWith("^") ? 1 : 0;
    const end = source.endsWith("$") ? source.length - 1 : source.length;
    return source.slice(start, end);
}
function floatSafeRemainder(val, step) {
    const ratio = val / step;
    const roundedRatio = Math.round(ratio);
    // `val` and `step` each round to a double before the division rounds again, so a true decimal multiple's quotient can sit up to 1.5 of these scaled epsilons from the integer. A 1x tolerance therefore rejected 2.03 as a multiple of 0.07; 4x covers the worst case with margin.
    const tolerance = 4 * Number.EPSILON * Math.max(Math.abs(ratio), 1);
    if (Math.abs(ratio - roundedRatio) < tolerance)
        return 0;
    return ratio - roundedRatio;
}
const EVALUATING = /* @__PURE__*/ (/* unused pure expression or super */ null && (Symbol("evaluating")));
function defineLazy(object, key, getter) {
    let value = undefined;
    Object.defineProperty(object, key, {
        get() {
            if (value === EVALUATING) {
                // Circular reference detected, return undefined to break the cycle
                return undefined;
            }
            if (value === undefined) {
                value = EVALUATING;
                value = getter();
            }
            return value;
        },
        set(v) {
            Object.defineProperty(object, key, {
                value: v,
                // configurable: true,
            });
            // object[key] = v;
        },
        configurable: true,
    });
}
function objectClone(obj) {
    return Object.create(Object.getPrototypeOf(obj), Object.getOwnPropertyDescriptors(obj));
}
function util_assignProp(target, prop, value) {
    Object.defineProperty(target, prop, {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
    });
}
/**
 * Whichever object a def's `shape` currently answers from: the one the caller passed until the first read, the frozen copy after it.
 *
 * Its keys and descriptors read without invoking anything, which is what lets a discriminated union check its discriminator, and the cycle walk read a shape, without resolving a getter that references the schema being constructed. A def that answers `shape` from an accessor of its own has none.
 */
function rawShape(def) {
    const desc = Object.getOwnPropertyDescriptor(def, "shape");
    return desc?.get ? desc.get.raw : desc?.value;
}
// where a builder reads its source's keys and descriptors, resolving only a shape a def answers for itself. A shape resolves by object spread, so only its enumerable keys are ever part of it.
function sourceShape(schema) {
    return rawShape(schema._zod.def) ?? schema._zod.def.shape;
}
// a key whose value is not settled yet, self-caching so every read after the first gets the same one
function deferProp(target, key, getter) {
    Object.defineProperty(target, key, {
        get() {
            const value = getter();
            util_assignProp(this, key, value);
            return value;
        },
        enumerable: true,
        configurable: true,
    });
}
// Writes a settled key. A plain assignment is much cheaper than `defineProperty` and produces the same descriptor, but it runs whatever setter already answers to the key — an accessor this shape deferred, or an inherited one, which `__proto__` has on every object and prototype pollution can add for any name.
function putProp(target, key, value) {
    if (key in target)
        util_assignProp(target, key, value);
    else
        target[key] = value;
}
/**
 * Copies `keys` of `source`'s shape onto `target`, each value passed through `wrap`.
 *
 * A key the source has resolved is copied through now, so the derived shape states it outright and nothing has to resolve it to learn what it holds. A key the source still defers stays deferred, and reads back through the source's own `shape`, so it resolves once and both shapes get that one schema.
 */
function mirrorShape(target, source, keys, wrap) {
    const raw = sourceShape(source);
    for (const key of keys) {
        const desc = Object.getOwnPropertyDescriptor(raw, key);
        if (!desc.enumerable)
            continue;
        if (desc.get) {
            deferProp(target, key, () => {
                const value = source._zod.def.shape[key];
                return wrap ? wrap(value, key) : value;
            });
        }
        else
            putProp(target, key, wrap ? wrap(desc.value, key) : desc.value);
    }
}
// same, for a plain shape a caller passed rather than a schema's
function mirrorProps(target, source) {
    for (const key of Reflect.ownKeys(source)) {
        const desc = Object.getOwnPropertyDescriptor(source, key);
        if (!desc.enumerable)
            continue;
        if (desc.get)
            deferProp(target, key, () => source[key]);
        else
            putProp(target, key, desc.value);
    }
}
function mergeDefs(...defs) {
    const mergedDescriptors = {};
    for (const def of defs) {
        const descriptors = Object.getOwnPropertyDescriptors(def);
        Object.assign(mergedDescriptors, descriptors);
    }
    return Object.defineProperties({}, mergedDescriptors);
}
function cloneDef(schema) {
    return mergeDefs(schema._zod.def);
}
function getElementAtPath(obj, path) {
    if (!path)
        return obj;
    return path.reduce((acc, key) => acc?.[key], obj);
}
function promiseAllObject(promisesObj) {
    const keys = Object.keys(promisesObj);
    const promises = keys.map((key) => promisesObj[key]);
    return Promise.all(promises).then((results) => {
        const resolvedObj = {};
        for (let i = 0; i < keys.length; i++) {
            resolvedObj[keys[i]] = results[i];
        }
        return resolvedObj;
    });
}
function randomString(length = 10) {
    const chars = "abcdefghijklmnopqrstuvwxyz";
    let str = "";
    for (let i = 0; i < length; i++) {
        str += chars[Math.floor(Math.random() * chars.length)];
    }
    return str;
}
function esc(str) {
    return JSON.stringify(str);
}
function slugify(input) {
    return input
        .toLowerCase()
        .trim()
        .replace(/[^\w\s-]/g, "")
        .replace(/[\s_-]+/g, "-")
        .replace(/^-+|-+$/g, "");
}
const captureStackTrace = ("captureStackTrace" in Error ? Error.captureStackTrace : (..._args) => { });
function util_isObject(data) {
    return typeof data === "object" && data !== null && !Array.isArray(data);
}
const util_allowsEval = /* @__PURE__*/ cached(() => {
    // Skip the probe under `jitless`: strict CSPs report the caught `new Function` as a `securitypolicyviolation` even though the throw is swallowed.
    if (globalConfig.jitless) {
        return false;
    }
    // @ts-ignore
    if (typeof navigator !== "undefined" && navigator?.userAgent?.includes("Cloudflare")) {
        return false;
    }
    try {
        const F = Function;
        new F("");
        return true;
    }
    catch (_) {
        return false;
    }
});
function isPlainObject(o) {
    if (util_isObject(o) === false)
        return false;
    // modified constructor
    const ctor = o.constructor;
    if (ctor === undefined)
        return true;
    if (typeof ctor !== "function")
        return true;
    // modified prototype
    const prot = ctor.prototype;
    if (util_isObject(prot) === false)
        return false;
    // ctor doesn't have static `isPrototypeOf`
    if (Object.prototype.hasOwnProperty.call(prot, "isPrototypeOf") === false) {
        return false;
    }
    return true;
}
function shallowClone(o) {
    if (isPlainObject(o))
        return { ...o };
    if (Array.isArray(o))
        return [...o];
    if (o instanceof Map)
        return new Map(o);
    if (o instanceof Set)
        return new Set(o);
    return o;
}
function numKeys(data) {
    let keyCount = 0;
    for (const key in data) {
        if (Object.prototype.hasOwnProperty.call(data, key)) {
            keyCount++;
        }
    }
    return keyCount;
}
const getParsedType = (data) => {
    const t = typeof data;
    switch (t) {
        case "undefined":
            return "undefined";
        case "string":
            return "string";
        case "number":
            return Number.isNaN(data) ? "nan" : "number";
        case "boolean":
            return "boolean";
        case "function":
            return "function";
        case "bigint":
            return "bigint";
        case "symbol":
            return "symbol";
        case "object":
            if (Array.isArray(data)) {
                return "array";
            }
            if (data === null) {
                return "null";
            }
            if (data.then && typeof data.then === "function" && data.catch && typeof data.catch === "function") {
                return "promise";
            }
            if (typeof Map !== "undefined" && data instanceof Map) {
                return "map";
            }
            if (typeof Set !== "undefined" && data instanceof Set) {
                return "set";
            }
            if (typeof Date !== "undefined" && data instanceof Date) {
                return "date";
            }
            // @ts-ignore
            if (typeof File !== "undefined" && data instanceof File) {
                return "file";
            }
            return "object";
        default:
            throw new Error(`Unknown data type: ${t}`);
    }
};
const propertyKeyTypes = /* @__PURE__*/ new Set(["string", "number", "symbol"]);
const primitiveTypes = /* @__PURE__*/ new Set([
    "string",
    "number",
    "bigint",
    "boolean",
    "symbol",
    "undefined",
]);
function escapeRegex(str) {
    return str.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
// zod-specific utils
function clone(inst, def, params) {
    const cl = new inst._zod.constr(def ?? inst._zod.def);
    if (!def || params?.parent)
        cl._zod.parent = inst;
    return cl;
}
function normalizeParams(_params) {
    const params = _params;
    if (!params)
        return {};
    if (typeof params === "string")
        return { error: () => params };
    if (params?.message !== undefined) {
        if (params?.error !== undefined)
            throw new Error("Cannot specify both `message` and `error` params");
        params.error = params.message;
    }
    delete params.message;
    if (typeof params.error === "string")
        return { ...params, error: () => params.error };
    return params;
}
function createTransparentProxy(getter) {
    let target;
    return new Proxy({}, {
        get(_, prop, receiver) {
            target ?? (target = getter());
            return Reflect.get(target, prop, receiver);
        },
        set(_, prop, value, receiver) {
            target ?? (target = getter());
            return Reflect.set(target, prop, value, receiver);
        },
        has(_, prop) {
            target ?? (target = getter());
            return Reflect.has(target, prop);
        },
        deleteProperty(_, prop) {
            target ?? (target = getter());
            return Reflect.deleteProperty(target, prop);
        },
        ownKeys(_) {
            target ?? (target = getter());
            return Reflect.ownKeys(target);
        },
        getOwnPropertyDescriptor(_, prop) {
            target ?? (target = getter());
            return Reflect.getOwnPropertyDescriptor(target, prop);
        },
        defineProperty(_, prop, descriptor) {
            target ?? (target = getter());
            return Reflect.defineProperty(target, prop, descriptor);
        },
    });
}
function stringifyPrimitive(value) {
    if (typeof value === "bigint")
        return value.toString() + "n";
    if (typeof value === "string")
        return `"${value}"`;
    return `${value}`;
}
function optionalKeys(shape) {
    return Object.keys(shape).filter((k) => {
        return shape[k]._zod.optin !== undefined && shape[k]._zod.optout === "optional";
    });
}
// Wrapped in a `@__PURE__` IIFE: esbuild never tree-shakes a top-level initializer that contains a member access on `Number`, so the bare object literal survived into every bundle.
const NUMBER_FORMAT_RANGES = /*@__PURE__*/ (() => ({
    safeint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    int32: [-2147483648, 2147483647],
    uint32: [0, 4294967295],
    float32: [-3.4028234663852886e38, 3.4028234663852886e38],
    float64: [-Number.MAX_VALUE, Number.MAX_VALUE],
}))();
const BIGINT_FORMAT_RANGES = {
    int64: [/* @__PURE__*/ BigInt("-9223372036854775808"), /* @__PURE__*/ BigInt("9223372036854775807")],
    uint64: [/* @__PURE__*/ BigInt(0), /* @__PURE__*/ BigInt("18446744073709551615")],
};
function pick(schema, mask) {
    const currDef = schema._zod.def;
    const checks = currDef.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        throw new Error(".pick() cannot be used on object schemas containing refinements");
    }
    const newShape = {};
    mirrorShape(newShape, schema, maskedKeys(schema, mask));
    return clone(schema, mergeDefs(currDef, { shape: newShape, checks: [] }));
}
// the mask keys that select something, checked against the source's shape without resolving it
function maskedKeys(schema, mask) {
    const raw = sourceShape(schema);
    const keys = [];
    // `for...in` skips symbols, so a symbol in the mask would select nothing
    for (const key of Reflect.ownKeys(mask)) {
        if (!Object.getOwnPropertyDescriptor(raw, key)?.enumerable) {
            throw new Error(`Unrecognized key: "${String(key)}"`);
        }
        if (mask[key])
            keys.push(key);
    }
    return keys;
}
function omit(schema, mask) {
    const currDef = schema._zod.def;
    const checks = currDef.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        throw new Error(".omit() cannot be used on object schemas containing refinements");
    }
    const omitted = new Set(maskedKeys(schema, mask));
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)).filter((key) => !omitted.has(key)));
    return clone(schema, mergeDefs(currDef, { shape: newShape, checks: [] }));
}
function extend(schema, shape) {
    if (!isPlainObject(shape)) {
        throw new Error("Invalid input to extend: expected a plain object");
    }
    const checks = schema._zod.def.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        // Only throw if new shape overlaps with existing shape. Use getOwnPropertyDescriptor to check key existence without accessing values
        const existingShape = sourceShape(schema);
        for (const key of Reflect.ownKeys(shape)) {
            if (Object.getOwnPropertyDescriptor(existingShape, key) !== undefined) {
                throw new Error("Cannot overwrite keys on object schemas containing refinements. Use `.safeExtend()` instead.");
            }
        }
    }
    return clone(schema, mergeDefs(schema._zod.def, { shape: extended(schema, shape) }));
}
// the source's keys, then the caller's overlaid on top
function extended(schema, shape) {
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)));
    mirrorProps(newShape, shape);
    return newShape;
}
function safeExtend(schema, shape) {
    if (!isPlainObject(shape)) {
        throw new Error("Invalid input to safeExtend: expected a plain object");
    }
    return clone(schema, mergeDefs(schema._zod.def, { shape: extended(schema, shape) }));
}
function merge(a, b) {
    if (!b?._zod?.def) {
        throw new Error("Invalid input to merge: expected an object schema. To merge a plain shape, use `.extend()`.");
    }
    if (a._zod.def.checks?.length) {
        throw new Error(".merge() cannot be used on object schemas containing refinements. Use .safeExtend() instead.");
    }
    const newShape = {};
    mirrorShape(newShape, a, Reflect.ownKeys(sourceShape(a)));
    mirrorShape(newShape, b, Reflect.ownKeys(sourceShape(b)));
    const def = mergeDefs(a._zod.def, {
        shape: newShape,
        get catchall() {
            return b._zod.def.catchall;
        },
        checks: b._zod.def.checks ?? [],
    });
    return clone(a, def);
}
function partial(Class, schema, mask, name = "partial") {
    const currDef = schema._zod.def;
    const checks = currDef.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        throw new Error(`.${name}() cannot be used on object schemas containing refinements`);
    }
    const selected = mask ? new Set(maskedKeys(schema, mask)) : undefined;
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)), Class &&
        ((value, key) => (selected && !selected.has(key) ? value : new Class({ type: "optional", innerType: value }))));
    return clone(schema, mergeDefs(schema._zod.def, { shape: newShape, checks: [] }));
}
function required(Class, schema, mask) {
    const selected = mask ? new Set(maskedKeys(schema, mask)) : undefined;
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)), (value, key) => 
    // overwrite with non-optional
    selected && !selected.has(key) ? value : new Class({ type: "nonoptional", innerType: value }));
    return clone(schema, mergeDefs(schema._zod.def, { shape: newShape }));
}
// invalid_type | too_big | too_small | invalid_format | not_multiple_of | unrecognized_keys | invalid_union | invalid_key | invalid_element | invalid_value | custom
function aborted(x, startIndex = 0) {
    if (x.aborted === true)
        return true;
    for (let i = startIndex; i < x.issues.length; i++) {
        if (x.issues[i]?.continue !== true) {
            return true;
        }
    }
    return false;
}
// Checks for explicit abort (continue === false), as opposed to implicit abort (continue === undefined). Used to respect `abort: true` in .refine() even for checks that have a `when` function.
function explicitlyAborted(x, startIndex = 0) {
    if (x.aborted === true)
        return true;
    for (let i = startIndex; i < x.issues.length; i++) {
        if (x.issues[i]?.continue === false) {
            return true;
        }
    }
    return false;
}
function prefixIssues(path, issues) {
    return issues.map((iss) => {
        var _a;
        (_a = iss).path ?? (_a.path = []);
        iss.path.unshift(path);
        return iss;
    });
}
function unwrapMessage(message) {
    return typeof message === "string" ? message : message?.message;
}
/* A check holds no link back to the schema it is attached to — the same check instance is shared by every clone of that schema — so the owner is stamped onto the issues a check just raised, at the only point where both are in scope. Runs on the failure path only; `start` is the issue count from before the check ran. */
/** The leading size checks of `defChecks` that set an upper bound, each paired with it. */
function sizeCaps(defChecks) {
    const caps = [];
    for (const ch of defChecks ?? []) {
        const d = ch._zod.def;
        // a later check may rewrite the value
        if (!/_(length|size)$|_equals$/.test(d.check))
            break;
        const max = d.maximum ?? d.length ?? d.size;
        if (max >= 0)
            caps.push([max, ch]);
    }
    return caps;
}
function attachSchema(issues, start, inst) {
    var _a;
    for (let i = start; i < issues.length; i++) {
        (_a = issues[i]).schema ?? (_a.schema = inst);
    }
}
function finalizeIssue(iss, ctx, config) {
    var _a;
    // A schema that raised an issue itself owns it outright, and outranks any stamp an enclosing check left in `attachSchema`. String formats and z.custom() are schema and check at once, so when they act as a check they defer to that stamp instead.
    const traits = iss.inst?._zod?.traits;
    if (traits?.has("$ZodType")) {
        if (traits.has("$ZodCheck"))
            (_a = iss).schema ?? (_a.schema = iss.inst);
        else
            iss.schema = iss.inst;
    }
    // Decreasing specificity, first map to return a message wins. `inst` is whatever raised the issue, so a check's own map outranks the owning schema's.
    const schemaError = iss.schema !== iss.inst ? iss.schema?._zod.def?.error : undefined;
    const message = iss.message
        ? iss.message
        : (unwrapMessage(iss.inst?._zod.def?.error?.(iss)) ??
            unwrapMessage(schemaError?.(iss)) ??
            unwrapMessage(ctx?.error?.(iss)) ??
            unwrapMessage(config.customError?.(iss)) ??
            unwrapMessage(config.localeError?.(iss)) ??
            "Invalid input");
    // an explicit own-key copy beats object rest with excluded keys, which v8 routes through a generic runtime call; Object.keys rather than for-in so an issue pushed with a prototype does not leak inherited keys, and an own __proto__ key is dropped rather than assigned through the setter
    const full = {};
    for (const k of Object.keys(iss)) {
        if (k === "inst" || k === "schema" || k === "continue" || k === "input" || k === "__proto__")
            continue;
        full[k] = iss[k];
    }
    full.path ?? (full.path = []);
    full.message = message;
    if (ctx?.reportInput) {
        full.input = iss.input;
    }
    return full;
}
function getSizableOrigin(input) {
    if (input instanceof Set)
        return "set";
    if (input instanceof Map)
        return "map";
    // @ts-ignore
    if (input instanceof File)
        return "file";
    return "unknown";
}
const highSurrogate = /[\uD800-\uDBFF]/;
// Code points in `str`: a surrogate pair counts once, a lone surrogate as itself. Hand-rolled because the string iterator allocates and runs ~250x slower on this path; the regex probe exits ~50x quicker for a string with no astral characters.
function codePointLength(str) {
    const units = str.length;
    if (!highSurrogate.test(str))
        return units;
    let count = units;
    for (let i = 0; i < units - 1; i++) {
        if ((str.charCodeAt(i) & 0xfc00) === 0xd800 && (str.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
            count--;
            i++;
        }
    }
    return count;
}
function getLengthableOrigin(input) {
    if (Array.isArray(input))
        return "array";
    if (typeof input === "string")
        return "string";
    return "unknown";
}
function parsedType(data) {
    const t = typeof data;
    switch (t) {
        case "number": {
            return Number.isNaN(data) ? "nan" : "number";
        }
        case "object": {
            if (data === null) {
                return "null";
            }
            if (Array.isArray(data)) {
                return "array";
            }
            const obj = data;
            if (obj && Object.getPrototypeOf(obj) !== Object.prototype && "constructor" in obj && obj.constructor) {
                return obj.constructor.name;
            }
        }
    }
    return t;
}
function util_issue(...args) {
    const [iss, input, inst] = args;
    if (typeof iss === "string") {
        return {
            message: iss,
            code: "custom",
            input,
            inst,
        };
    }
    return { ...iss };
}
function cleanEnum(obj) {
    return Object.entries(obj)
        .filter(([k, _]) => {
        // return true if NaN, meaning it's not a number, thus a string key
        return Number.isNaN(Number.parseInt(k, 10));
    })
        .map((el) => el[1]);
}
// Codec utility functions
function base64ToUint8Array(base64) {
    const binaryString = atob(base64);
    const bytes = new Uint8Array(binaryString.length);
    for (let i = 0; i < binaryString.length; i++) {
        bytes[i] = binaryString.charCodeAt(i);
    }
    return bytes;
}
function uint8ArrayToBase64(bytes) {
    let binaryString = "";
    for (let i = 0; i < bytes.length; i++) {
        binaryString += String.fromCharCode(bytes[i]);
    }
    return btoa(binaryString);
}
function base64urlToUint8Array(base64url) {
    const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
    const padding = "=".repeat((4 - (base64.length % 4)) % 4);
    return base64ToUint8Array(base64 + padding);
}
function uint8ArrayToBase64url(bytes) {
    return uint8ArrayToBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=/g, "");
}
function hexToUint8Array(hex) {
    const cleanHex = hex.replace(/^0x/, "");
    if (cleanHex.length % 2 !== 0) {
        throw new Error("Invalid hex string length");
    }
    const bytes = new Uint8Array(cleanHex.length / 2);
    for (let i = 0; i < cleanHex.length; i += 2) {
        bytes[i / 2] = Number.parseInt(cleanHex.slice(i, i + 2), 16);
    }
    return bytes;
}
function uint8ArrayToHex(bytes) {
    return Array.from(bytes)
        .map((b) => b.toString(16).padStart(2, "0"))
        .join("");
}
// instanceof
class Class {
    constructor(..._args) { }
}
//////////    PROTOTYPE INSTALLERS     //////////
//
// Members live on the prototype and materialize per instance on first read, which keeps own-property count under the step where V8 stops using inline slots. Changing anything here means re-measuring runtime, memory and bundle size together — see "The three axes" in AGENTS.md.
/**
 * Installs a trait's members on its prototype. Each value builds that member for the instance on first read; the built value shadows the accessor as an own property, so a detached `const { parse } = schema` keeps working.
 *
 * Call this from a `proto` initializer, which runs once per prototype — never per instance.
 */
function members(proto, table) {
    for (const key in table) {
        const desc = Object.getOwnPropertyDescriptor(table, key);
        // a getter installs as written, so it stays live: `description` reads through to the registry on every access. not enumerable: an object literal's is, and a prototype member never was
        if (desc.get)
            Object.defineProperty(proto, key, { ...desc, enumerable: false });
        // a method materializes bound on first read, which is what keeps a detached member working: `const opt = schema.optional; opt()`
        else
            defineBound(proto, key, desc.value);
    }
}
/** Shadows a prototype member with an own value, so a getter that builds from the instance runs once. */
function own(inst, key, value, enumerable = true) {
    Object.defineProperty(inst, key, { configurable: true, writable: true, enumerable, value });
    return value;
}
/** Like {@link own}, for a member that was never an own data property and has to stay out of `Object.keys`. */
function hide(inst, key, value) {
    return own(inst, key, value, false);
}
/** Adds members a table derives from the instance: each builds on first read and shadows as own data, and assignment shadows the same way, as when these were own properties. */
function derived(computes, table) {
    for (const key in computes) {
        const compute = computes[key];
        // an object literal's accessor is configurable and enumerable, and `members` copies the descriptor as written
        Object.defineProperty(table, key, {
            configurable: true,
            enumerable: true,
            get() {
                return own(this, key, compute(this));
            },
            set(value) {
                own(this, key, value);
            },
        });
    }
    return table;
}
function defineBound(proto, key, fn) {
    Object.defineProperty(proto, key, {
        configurable: true,
        get() {
            // vitest's spyOn calls a prototype getter bare to find the function it wraps, so a nullish receiver answers the raw method
            return this == null ? fn : own(this, key, fn.bind(this));
        },
        set(value) {
            own(this, key, value);
        },
    });
}
/** Returns the prototype to install on, or `undefined` if this group is already installed on it. */
function claim(inst, sentinel) {
    const proto = Object.getPrototypeOf(inst);
    // Runs on every construction, so `in` rather than the costlier `hasOwnProperty.call`. Sentinels are keys the group itself defines.
    return sentinel in proto ? undefined : proto;
}
// The internals whose init chain is installing. A second call for the same one is a derived constructor overriding its base, so it must not construct another schema in between or the override is dropped.
let installing;
// Set while a getter is running, so a value that resolved through a recursion break is not memoized. One shared descriptor shadows the key for the duration, which costs no per-key allocation.
let broke = false;
const breaker = {
    configurable: true,
    get() {
        broke = true;
        return undefined;
    },
};
/**
 * Installs a lazily-derived internal on the `_zod` prototype of `inst`'s
 * constructor, computed from the internals object itself and cached there on
 * first read. One accessor per constructor rather than one per instance.
 */
function defineLazyInternal(inst, key, compute) {
    const proto = Object.getPrototypeOf(inst._zod);
    if (key in proto && installing !== inst._zod) {
        // A repeat construction: everything is installed already. Cleared here so the reference is not held past the first construction of every type.
        installing = undefined;
        return;
    }
    installing = inst._zod;
    Object.defineProperty(proto, key, {
        configurable: true,
        get() {
            // Shadowed before computing so a re-entrant read from a recursive schema resolves to undefined instead of running the getter again.
            Object.defineProperty(this, key, breaker);
            const outer = broke;
            broke = false;
            try {
                const value = compute(this);
                // A result that resolved through a recursion break is recomputed once the graph is complete; everything else memoizes, undefined included.
                if (broke)
                    delete this[key];
                else
                    Object.defineProperty(this, key, { configurable: true, writable: true, value });
                broke = broke || outer;
                return value;
            }
            catch (err) {
                // A compute that threw memoizes nothing, so a later read runs it again and fails the same way. The shadow goes with it, since leaving it installed would answer undefined for every later read.
                delete this[key];
                broke = broke || outer;
                throw err;
            }
        },
        set(value) {
            Object.defineProperty(this, key, { configurable: true, writable: true, value });
        },
    });
}
/**
 * Installs `key` on `inst`'s prototype, computed by `make` on first read and cached there as an own
 * data property. One accessor per constructor rather than one per instance, because an own accessor
 * puts every instance after the first into v8 dictionary mode. The key doubles as the sentinel.
 */
function installLazyProp(inst, key, make, enumerable) {
    const proto = claim(inst, key);
    if (!proto)
        return;
    Object.defineProperty(proto, key, {
        configurable: true,
        get() {
            // Shadowed before computing, so a re-entrant read from a self-referential shape resolves to undefined instead of running the getter again. A data property rather than an accessor: an own accessor is the dictionary-mode transition this exists to avoid.
            const desc = { configurable: true, writable: true, enumerable, value: undefined };
            Object.defineProperty(this, key, desc);
            // a compute that throws leaves the shadow behind, so later reads answer undefined instead of re-throwing; `defineLazy` did the same, and `defineLazyInternal`'s delete-on-catch would cost bytes in every bundle for a case only a throwing user getter reaches
            desc.value = make(this);
            Object.defineProperty(this, key, desc);
            return desc.value;
        },
        set(value) {
            Object.defineProperty(this, key, { configurable: true, writable: true, enumerable, value });
        },
    });
}
/** Marks the thunk `_catch` synthesises for a constant catch value. `Function.length` cannot tell that thunk from a user callback — rest and defaulted parameters both report arity 0 — and a user callback reads `ctx.error`, whose issues only finalize correctly against the caller's per-parse error map. Provenance can say what arity cannot. A plain string key rather than `Symbol.for`, whose call at module scope no bundler can prove pure — the same shape that anchored `urlCanParse` into every build. */
const CONSTANT_CATCH = "~constantCatch";
/** Wraps a constant catch value in a thunk tagged with {@link CONSTANT_CATCH}. */
function constantCatch(value) {
    const fn = () => value;
    fn[CONSTANT_CATCH] = true;
    return fn;
}

;// CONCATENATED MODULE: ../main/node_modules/zod/v4/core/core.js
var _a;

/** A special constant with type `never` */
const NEVER = /*@__PURE__*/ Object.freeze({
    status: "aborted",
});
/* Shared descriptor for installing `_zod`; defineProperty reads it
 * synchronously, so reusing one object avoids a per-instance allocation. */
const _zodDesc = { value: undefined, enumerable: false };
// null where suppressing the capture would be unrecoverable: `parse()` puts the frames back with `captureStackTrace`, so without it the throw would lose its stack. also latched to null once `stackTraceLimit` proves unassignable, which a realm can do at any point by hardening Error
let _E = "captureStackTrace" in Error ? Error : null;
// v8 captures a stack trace inside the Error constructor, which dominates a failed parse; costs only the frames, and parse() restores those. the constructor must RUN: Object.create is cheaper and passes instanceof, but Error.isError and util.types.isNativeError check an internal slot
function newError(Definition) {
    const E = _E;
    if (E) {
        const saved = E.stackTraceLimit;
        if (typeof saved === "number") {
            try {
                E.stackTraceLimit = 0;
            }
            catch {
                _E = null;
                return new Definition();
            }
            try {
                return new Definition();
            }
            finally {
                E.stackTraceLimit = saved;
            }
        }
    }
    return new Definition();
}
function $constructor(name, initializer, 
/** This trait's members, installed once on every prototype that composes it. They cannot be declared in the initializer above: that runs per instance, and the prototype is shared. */
proto, params) {
    // Prototype for this constructor's `_zod` internals. Lazily-derived fields (`values`, `pattern`, `optin`, …) install here once rather than as an accessor on every instance.
    const zodProto = {};
    // Assigning the fields in the constructor body is what gives instances in-object slots; building the object literally and reparenting it costs a second allocation and a generic property copy.
    function Internals(def) {
        this.def = def;
        this.constr = _;
        this.traits = new Set();
    }
    Internals.prototype = zodProto;
    const protoMembers = proto;
    // One trait's members land on every prototype whose chain composes it, so the answer is per prototype rather than per trait.
    const initialized = protoMembers && new WeakSet();
    function init(inst, def) {
        if (!inst._zod) {
            _zodDesc.value = new Internals(def);
            try {
                Object.defineProperty(inst, "_zod", _zodDesc);
            }
            finally {
                // Cleared even on throw, so the shared descriptor never leaks one instance's internals into the next.
                _zodDesc.value = undefined;
            }
        }
        else if (inst._zod.traits.has(name)) {
            return;
        }
        inst._zod.traits.add(name);
        initializer(inst, def);
        if (initialized) {
            // `super(def)` from a user subclass gives `this` a prototype the subclass owns, and installing there would overwrite whatever the subclass declared. `constr` built the instance, so its prototype is the one below the subclass's that should carry the members. A receiver whose chain never reaches that prototype installs on its own, which for a plain object handed straight to `init` means `Object.prototype` — unchanged from before.
            const own = Object.getPrototypeOf(inst);
            const ctorProto = inst._zod.constr.prototype;
            let up = own;
            while (up && up !== ctorProto)
                up = Object.getPrototypeOf(up);
            const target = up ?? own;
            if (!initialized.has(target)) {
                initialized.add(target);
                members(target, protoMembers);
            }
        }
        // support prototype modifications; for-in avoids the array allocation of Object.keys on the (usually empty) prototype
        const proto = _.prototype;
        for (const k in proto) {
            if (!Object.prototype.hasOwnProperty.call(proto, k))
                continue;
            if (!(k in inst)) {
                inst[k] = proto[k].bind(inst);
            }
        }
    }
    // doesn't work if Parent has a constructor with arguments
    const Parent = params?.Parent ?? Object;
    class Definition extends Parent {
    }
    Object.defineProperty(Definition, "name", { value: name });
    function _(def) {
        const inst = params?.Parent ? newError(Definition) : this;
        init(inst, def);
        const deferred = inst._zod.deferred;
        if (deferred) {
            for (const fn of deferred) {
                fn();
            }
            // Released: initializers run once, and the list would otherwise be retained for the schema's lifetime.
            inst._zod.deferred = undefined;
        }
        // Global post-processor hook. Internal: installed by `import "zod/compile"` to enable AOT compilation for every constructed schema. Runs last, once the instance is fully built, because it hands the instance to compile(). The post-processor is expected to be reentrancy-guarded by its own implementation.
        const pp = globalThis.__zod_globalConfig?.postProcessor;
        if (pp)
            pp(inst);
        return inst;
    }
    Object.defineProperty(_, "init", { value: init });
    Object.defineProperty(_, Symbol.hasInstance, {
        value: (inst) => {
            if (params?.Parent && inst instanceof params.Parent)
                return true;
            return inst?._zod?.traits?.has(name);
        },
    });
    Object.defineProperty(_, "name", { value: name });
    return _;
}
//////////////////////////////   UTILITIES   ///////////////////////////////////////
const $brand = /*@__PURE__*/ (/* unused pure expression or super */ null && (Symbol("zod_brand")));
class $ZodAsyncError extends Error {
    constructor() {
        super(`Encountered Promise during synchronous parse. Use .parseAsync() instead.`);
    }
}
class $ZodEncodeError extends Error {
    constructor(name) {
        super(`Encountered unidirectional transform during encode: ${name}`);
        this.name = "ZodEncodeError";
    }
}
(_a = globalThis).__zod_globalConfig ?? (_a.__zod_globalConfig = {});
const globalConfig = globalThis.__zod_globalConfig;
function config(newConfig) {
    if (newConfig)
        Object.assign(globalConfig, newConfig);
    return globalConfig;
}

;// CONCATENATED MODULE: ../main/node_modules/zod/v4/core/memoizer.js

class $ZodCyclicError extends Error {
    constructor() {
        super(`Cannot parse a reference cycle that closes through a transform`);
        this.name = "ZodCyclicError";
    }
}
/** Keyed off the context object every schema in one parse call already shares. */
const STATE = "~memo";
const NO_ISSUES = [];
// a value a cycle can close through
function isRef(value) {
    return value !== null && typeof value === "object";
}
// Receivers prefix paths in place, so the cache and every hand-out need their own copies.
function cloneIssues(issues) {
    return issues.map((iss) => (iss.path ? { ...iss, path: iss.path.slice() } : { ...iss }));
}
const recursive = /*@__PURE__*/ new WeakMap();
/** What the walk established, in order of certainty: ordered so the strongest answer among children wins. */
const NONE = 0;
const ASSUMED = 1;
const PROVEN = 2;
/** Whether this schema's subtree contains a cycle, so one parse can re-enter it. */
function isRecursive(inst, stack, resolve) {
    const cached = recursive.get(inst);
    if (cached !== undefined)
        return cached ? PROVEN : NONE;
    // Relative to the walk in progress, so not cached.
    if (stack.has(inst))
        return PROVEN;
    stack.add(inst);
    let result = NONE;
    const check = (child) => {
        if (result !== PROVEN && child?._zod) {
            const answer = isRecursive(child, stack, resolve);
            if (answer > result)
                result = answer;
        }
    };
    // `Reflect.ownKeys` rather than `Object.keys`, so a cycle through a declared symbol key is still seen
    const shape = (sh, spread) => {
        let answer = NONE;
        for (const key of Reflect.ownKeys(sh)) {
            const desc = Object.getOwnPropertyDescriptor(sh, key);
            // an object resolves its shape by spread, so a key it does not enumerate is never parsed; `z.properties` reads every own key and so keeps them all
            if (spread && !desc.enumerable)
                continue;
            // resolving runs user code, and a factory mints a fresh subtree per read, so an edge the walk can't follow counts as a cycle
            const child = desc.get ? ASSUMED : desc.value?._zod ? isRecursive(desc.value, stack, resolve) : NONE;
            if (child > answer)
                answer = child;
        }
        return answer;
    };
    const merge = (answer) => {
        if (answer > result)
            result = answer;
    };
    const def = inst._zod.def;
    const kind = def.type;
    switch (kind) {
        case "object": {
            const raw = rawShape(def);
            // a def with no raw shape answers `shape` from an accessor of its own, and running that can mint a whole fresh subtree
            merge(raw ? shape(raw, true) : ASSUMED);
            check(def.catchall);
            break;
        }
        case "array":
            check(def.element);
            break;
        case "tuple":
            for (const el of def.items)
                check(el);
            check(def.rest);
            break;
        case "record":
        case "map":
            check(def.keyType);
            check(def.valueType);
            break;
        case "set":
            check(def.valueType);
            break;
        case "union":
            for (const el of def.options)
                check(el);
            break;
        case "intersection":
            check(def.left);
            check(def.right);
            break;
        case "optional":
        case "nullable":
        case "default":
        case "prefault":
        case "catch":
        case "readonly":
        case "nonoptional":
        case "promise":
        case "success":
            check(def.innerType);
            break;
        case "pipe":
            check(def.in);
            check(def.out);
            break;
        case "function":
            check(def.input);
            check(def.output);
            break;
        // `$ZodLazy` caches its inner on the def, so a resolved edge is followed exactly
        case "lazy": {
            const inner = def._cachedInner ?? (resolve ? inst._zod.innerType : undefined);
            // walked with resolution off: one hop sees past the deferral, and a lazy that yields only another unresolved lazy is generative, so it stops there
            merge(inner ? isRecursive(inner, stack, false) : ASSUMED);
            break;
        }
        // a leaf by choice: `parts` are regex fragments, not data positions
        case "template_literal":
        // leaves
        case "string":
        case "number":
        case "int":
        case "boolean":
        case "bigint":
        case "symbol":
        case "undefined":
        case "null":
        case "void":
        case "never":
        case "any":
        case "unknown":
        case "date":
        case "nan":
        case "enum":
        case "literal":
        case "file":
        case "transform":
        case "custom":
            break;
        default: {
            // a new built-in kind becomes a compile error here
            kind;
            // a user-defined kind can still hold children, and only its author knows where, so fall back to scanning the def — skipping accessors, since reading one can run user code
            for (const key in def) {
                const desc = Object.getOwnPropertyDescriptor(def, key);
                if (!desc || desc.get)
                    continue;
                const value = desc.value;
                if (!value || typeof value !== "object")
                    continue;
                if (value._zod)
                    check(value);
                else if (Array.isArray(value))
                    for (const el of value)
                        check(el);
            }
        }
    }
    stack.delete(inst);
    return settle(inst, result);
}
/** An assumed answer must not outlive the resolution that settles it, so only a certain one is cached. */
function settle(inst, answer) {
    if (answer !== ASSUMED)
        recursive.set(inst, answer === PROVEN);
    return answer;
}
/**
 * Whether one parse can re-enter this schema, i.e. its subtree contains a cycle.
 * Exported for `z.compile`, which refuses to compile such a schema: cycle
 * breaking is driven from here off state keyed on the parse context, and a
 * generated fast path has no context to key on.
 */
function isRecursiveSchema(inst) {
    // z.compile never parses, so nothing would ever resolve a lazy for it; it runs once and already treats a throw here as recursive
    return isRecursive(inst, new Set(), true) !== NONE;
}
function bucketFor(state, inst) {
    let bucket = state.buckets.get(inst);
    if (!bucket) {
        bucket = new WeakMap();
        state.buckets.set(inst, bucket);
    }
    return bucket;
}
// Set immediately before delegating to core and cleared immediately after, so `alloc` registers only for a visit this module is driving.
let handoff;
// Allocated but unfinished entries. `alloc` and the matching pop both happen in the synchronous part of a parse, so they nest even when children are async, and one stack serves every schema.
const memoizer_open = [];
const memo = {
    alloc(_inst, payload, empty) {
        const bucket = handoff;
        if (!bucket)
            return empty;
        handoff = undefined;
        const entry = { value: empty, issues: null };
        bucket.set(payload.value, entry);
        memoizer_open.push(entry);
        return empty;
    },
    guard(inst) {
        var _a;
        (_a = inst._zod).deferred ?? (_a.deferred = []);
        inst._zod.deferred.push(() => {
            const base = inst._zod.parse;
            const wrapped = (payload, ctx) => {
                // The value is a placeholder a back-edge is still waiting on, so the cycle closes through this transform. Its output can't exist in time to bind.
                if (ctx.direction !== "backward" && isBackEdge(ctx, payload.value))
                    throw new $ZodCyclicError();
                return base(payload, ctx);
            };
            inst._zod.parse = wrapped;
            if (inst._zod.run === base)
                inst._zod.run = wrapped;
        });
    },
    attach(inst) {
        var _a;
        let isRecursiveInst;
        let rechecked = false;
        // a recursive schema is re-entered many times per parse and its bucket never changes
        let lastCtx;
        let lastBucket;
        // Wraps `parse` in a deferred so it sees the container's final parse. Core's own deferred copies `parse` into `run` when there are no checks, and it ran first, so `run` is patched to match; with checks, `run` reads `parse` dynamically.
        (_a = inst._zod).deferred ?? (_a.deferred = []);
        inst._zod.deferred.push(() => {
            const base = inst._zod.parse;
            const wrapped = (payload, ctx) => {
                if (isRecursiveInst === undefined) {
                    const walked = isRecursive(inst, new Set(), false);
                    if (walked === NONE) {
                        // Nothing here can ever fire, so take it back out.
                        inst._zod.parse = base;
                        if (inst._zod.run === wrapped)
                            inst._zod.run = base;
                        return base(payload, ctx);
                    }
                    // this parse resolves the deferred edges on its own path, so ask once more before latching
                    if (walked === PROVEN || rechecked)
                        isRecursiveInst = true;
                    else
                        rechecked = true;
                }
                const input = payload.value;
                if (!isRef(input))
                    return base(payload, ctx);
                let state = ctx[STATE];
                if (!state) {
                    state = { buckets: new WeakMap(), backEdges: undefined };
                    ctx[STATE] = state;
                }
                let bucket;
                if (lastCtx === ctx) {
                    bucket = lastBucket;
                }
                else {
                    bucket = bucketFor(state, inst);
                    lastCtx = ctx;
                    lastBucket = bucket;
                }
                const hit = bucket.get(input);
                if (hit) {
                    payload.value = hit.value;
                    if (hit.issues) {
                        if (hit.issues.length)
                            payload.issues.push(...cloneIssues(hit.issues));
                    }
                    else {
                        // Still being parsed: its own checks cover it, so skip them here.
                        payload.memo = true;
                        state.backEdges ?? (state.backEdges = new WeakSet());
                        state.backEdges.add(hit.value);
                    }
                    return payload;
                }
                handoff = bucket;
                const depth = memoizer_open.length;
                const result = base(payload, ctx);
                handoff = undefined;
                // A container that rejected its input outright allocated nothing.
                const entry = memoizer_open.length > depth ? memoizer_open.pop() : undefined;
                // Both paths written out so the sync one allocates no closure. It runs once per node, and capturing here cost more than everything else combined.
                if (result instanceof Promise) {
                    return result.then((r) => {
                        if (entry)
                            entry.issues = r.issues.length ? cloneIssues(r.issues) : NO_ISSUES;
                        return r;
                    });
                }
                if (entry)
                    entry.issues = result.issues.length ? cloneIssues(result.issues) : NO_ISSUES;
                return result;
            };
            inst._zod.parse = wrapped;
            if (inst._zod.run === base)
                inst._zod.run = wrapped;
        });
    },
};
/** The memoizer that gives containers cycle support. `zod` installs it by default; `zod/mini` opts in with `config({ memoizer: memoizer() })`. */
function memoizer() {
    return memo;
}
/** Whether this value is a node a back-edge resolved to before it finished. */
function isBackEdge(ctx, value) {
    const backEdges = ctx[STATE]?.backEdges;
    return backEdges !== undefined && isRef(value) && backEdges.has(value);
}

;// CONCATENATED MODULE: ../main/node_modules/zod/v4/core/regexes.js

/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link cuid2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
const cuid = /^[cC][0-9a-z]{6,}$/;
const cuid2 = /^[0-9a-z]+$/;
const ulid = /^[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}$/;
const xid = /^[0-9a-vA-V]{20}$/;
const ksuid = /^[A-Za-z0-9]{27}$/;
const nanoid = /^[a-zA-Z0-9_-]{21}$/;
function nanoidOfLength(length) {
    return new RegExp(`^[a-zA-Z0-9_-]{${length}}$`);
}
/** ISO 8601-1 duration regex. Does not support the 8601-2 extensions like negative durations or fractional/negative components. */
const duration = /^P(?:(\d+W)|(?!.*W)(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?)$/;
/** Implements ISO 8601-2 extensions like explicit +- prefixes, mixing weeks with other units, and fractional/negative components. */
const extendedDuration = /^[-+]?P(?!$)(?:(?:[-+]?\d+Y)|(?:[-+]?\d+[.,]\d+Y$))?(?:(?:[-+]?\d+M)|(?:[-+]?\d+[.,]\d+M$))?(?:(?:[-+]?\d+W)|(?:[-+]?\d+[.,]\d+W$))?(?:(?:[-+]?\d+D)|(?:[-+]?\d+[.,]\d+D$))?(?:T(?=[\d+-])(?:(?:[-+]?\d+H)|(?:[-+]?\d+[.,]\d+H$))?(?:(?:[-+]?\d+M)|(?:[-+]?\d+[.,]\d+M$))?(?:[-+]?\d+(?:[.,]\d+)?S)?)??$/;
/** A regex for any UUID-like identifier: 8-4-4-4-12 hex pattern */
const guid = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
/** Returns a regex for validating an RFC 9562/4122 UUID.
 *
 * @param version Optionally specify a version 1-8. If no version is specified, all versions are supported. */
const uuid = (version) => {
    if (!version)
        return /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
    return new RegExp(`^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-${version}[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12})$`);
};
const uuid4 = /*@__PURE__*/ (/* unused pure expression or super */ null && (uuid(4)));
const uuid6 = /*@__PURE__*/ (/* unused pure expression or super */ null && (uuid(6)));
const uuid7 = /*@__PURE__*/ (/* unused pure expression or super */ null && (uuid(7)));
/** Practical email validation */
const email = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;
/** Equivalent to the HTML5 input[type=email] validation implemented by browsers. Source: https://developer.mozilla.org/en-US/docs/Web/HTML/Element/input/email */
const html5Email = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
/** The classic emailregex.com regex for RFC 5322-compliant emails */
const rfc5322Email = /^(([^<>()\[\]\\.,;:\s@"]+(\.[^<>()\[\]\\.,;:\s@"]+)*)|(".+"))@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}])|(([a-zA-Z\-0-9]+\.)+[a-zA-Z]{2,}))$/;
/** A loose regex that allows Unicode characters, enforces length limits, and that's about it. */
const unicodeEmail = /^[^\s@"]{1,64}@[^\s@]{1,255}$/u;
const idnEmail = (/* unused pure expression or super */ null && (unicodeEmail));
const browserEmail = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
// from https://thekevinscott.com/emojis-in-javascript/#writing-a-regular-expression
// Single character class, not an alternation: the two properties overlap (U+1F9B0-U+1F9B3), so `(A|B)+` backtracks exponentially on a failed match. The leading lookahead then demands one anchor — a pictograph, a regional indicator, or the enclosing keycap — because `\p{Emoji_Component}` on its own covers ASCII digits, `#`, `*`, ZWJ, variation selectors and skin tone modifiers, none of which is an emoji without a base.
const _emoji = `^(?=[\\s\\S]*[\\p{Extended_Pictographic}\\p{Regional_Indicator}\\u20E3])[\\p{Extended_Pictographic}\\p{Emoji_Component}]+$`;
function emoji() {
    return new RegExp(_emoji, "u");
}
const ipv4 = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])$/;
const ipv6 = /^(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|:((:[0-9a-fA-F]{1,4}){1,7}|:))$/;
const mac = (delimiter) => {
    const escapedDelim = util.escapeRegex(delimiter ?? ":");
    return new RegExp(`^(?:[0-9A-F]{2}${escapedDelim}){5}[0-9A-F]{2}$|^(?:[0-9a-f]{2}${escapedDelim}){5}[0-9a-f]{2}$`);
};
const cidrv4 = /^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\/([0-9]|[1-2][0-9]|3[0-2])$/;
const cidrv6 = /^(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|:((:[0-9a-fA-F]{1,4}){1,7}|:))\/(12[0-8]|1[01][0-9]|[1-9]?[0-9])$/;
// https://stackoverflow.com/questions/7860392/determine-if-string-is-in-base64-using-javascript
const base64 = /^$|^(?:[0-9a-zA-Z+/]{4})*(?:(?:[0-9a-zA-Z+/]{2}==)|(?:[0-9a-zA-Z+/]{3}=))?$/;
const base64url = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2,3})?$/;
// based on https://stackoverflow.com/questions/106179/regular-expression-to-match-dns-hostname-or-ip-address
// export const hostname: RegExp = /^([a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+$/;
const hostname = /^(?=.{1,253}\.?$)[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[-0-9a-zA-Z]{0,61}[0-9a-zA-Z])?)*\.?$/;
const domain = /^(?=.{1,253}$)([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/;
const httpProtocol = /^https?$/;
// https://blog.stevenlevithan.com/archives/validate-phone-number#r4-3 (regex sans spaces) E.164: leading digit must be 1-9; total digits (excluding '+') between 7-15
const e164 = /^\+[1-9]\d{6,14}$/;
// Credit card shape: 12–19 digits, optionally separated by single spaces or single hyphens. ISO/IEC 7812 caps the PAN at 19 digits; 12 is the shortest issued length (Maestro).
const creditCard = /^\d(?:[ -]?\d){11,18}$/;
// ISO 4217 alpha codes from the SIX list, regenerated by scripts/update-iso-4217.ts
const currencyCode = /^(?:AED|AFN|ALL|AMD|AOA|ARS|AUD|AWG|AZN|BAM|BBD|BDT|BHD|BIF|BMD|BND|BOB|BOV|BRL|BSD|BTN|BWP|BYN|BZD|CAD|CDF|CHE|CHF|CHW|CLF|CLP|CNY|COP|COU|CRC|CUP|CVE|CZK|DJF|DKK|DOP|DZD|EGP|ERN|ETB|EUR|FJD|FKP|GBP|GEL|GHS|GIP|GMD|GNF|GTQ|GYD|HKD|HNL|HTG|HUF|IDR|ILS|INR|IQD|IRR|ISK|JMD|JOD|JPY|KES|KGS|KHR|KMF|KPW|KRW|KWD|KYD|KZT|LAK|LBP|LKR|LRD|LSL|LYD|MAD|MDL|MGA|MKD|MMK|MNT|MOP|MRU|MUR|MVR|MWK|MXN|MXV|MYR|MZN|NAD|NGN|NIO|NOK|NPR|NZD|OMR|PAB|PEN|PGK|PHP|PKR|PLN|PYG|QAR|RON|RSD|RUB|RWF|SAR|SBD|SCR|SDG|SEK|SGD|SHP|SLE|SOS|SRD|SSP|STN|SVC|SYP|SZL|THB|TJS|TMT|TND|TOP|TRY|TTD|TWD|TZS|UAH|UGX|USD|USN|UYI|UYU|UYW|UZS|VED|VES|VND|VUV|WST|XAD|XAF|XAG|XAU|XBA|XBB|XBC|XBD|XCD|XCG|XDR|XOF|XPD|XPF|XPT|XSU|XTS|XUA|XXX|YER|ZAR|ZMW|ZWG)$/;
// iban electronic format: 2-letter country, check digits 02-98 (the only values `98 - remainder` can produce), 11-30 bban characters
const iban = /^[A-Z]{2}(?!00|01|99)\d{2}[A-Z0-9]{11,30}$/;
const dateSource = `(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))`;
/** Anchors a pattern source. The interpolation lives here rather than at the call site because
 * esbuild will not drop a `@__PURE__` call whose own argument interpolates a variable, but it
 * will drop `anchor(dateSource)`. Keeping it inline pinned `date` into every bundle. */
function regexes_anchor(source) {
    return new RegExp(`^${source}$`);
}
const date = /*@__PURE__*/ regexes_anchor(dateSource);
function timeSource(args) {
    const hhmm = `(?:[01]\\d|2[0-3]):[0-5]\\d`;
    const regex = typeof args.precision === "number"
        ? args.precision === -1
            ? `${hhmm}`
            : args.precision === 0
                ? `${hhmm}:[0-5]\\d`
                : `${hhmm}:[0-5]\\d\\.\\d{${args.precision}}`
        : args.seconds
            ? `${hhmm}:[0-5]\\d(?:\\.\\d+)?`
            : `${hhmm}(?::[0-5]\\d(?:\\.\\d+)?)?`;
    return regex;
}
function time(args) {
    return new RegExp(`^${timeSource(args)}$`);
}
// Adapted from https://stackoverflow.com/a/3143231
function datetime(args) {
    const opts = ["Z"];
    // if (args.offset) opts.push(`([+-]\\d{2}:\\d{2})`);
    if (args.offset)
        opts.push(`([+-](?:[01]\\d|2[0-3]):[0-5]\\d)`);
    // RFC 3339 mandates seconds wherever the time carries a `Z` or an offset, so only the unqualified form `local` adds may omit them
    const qualified = `${timeSource({ precision: args.precision, seconds: true })}(?:${opts.join("|")})`;
    const timeRegex = args.local ? `${qualified}|${timeSource({ precision: args.precision })}` : qualified;
    return new RegExp(`^${dateSource}T(?:${timeRegex})$`);
}
// the unbounded form of `string()` as a literal, so every plain string shares one instance instead of building its own
const anyString = /^[\s\S]{0,}$/;
const string = (params) => {
    const regex = params ? `[\\s\\S]{${params?.minimum ?? 0},${params?.maximum ?? ""}}` : `[\\s\\S]*`;
    return new RegExp(`^${regex}$`);
};
const bigint = /^-?\d+n?$/;
const integer = /^-?\d+$/;
const number = /^-?\d+(?:\.\d+)?$/;
const regexes_boolean = /^(?:true|false)$/i;
const _null = /^null$/i;

const _undefined = /^undefined$/i;

// regex for string with no uppercase letters
const lowercase = /^[^A-Z]*$/;
// regex for string with no lowercase letters
const uppercase = /^[^a-z]*$/;
// regex for hexadecimal strings (any length)
const hex = /^[0-9a-fA-F]*$/;
// Hash regexes for different algorithms and encodings
// Helper function to create base64 regex with exact length and padding
function fixedBase64(bodyLength, padding) {
    return new RegExp(`^[A-Za-z0-9+/]{${bodyLength}}${padding}$`);
}
// Helper function to create base64url regex with exact length (no padding)
function fixedBase64url(length) {
    return new RegExp(`^[A-Za-z0-9_-]{${length}}$`);
}
// MD5 (16 bytes): base64 = 24 chars total (22 + "==")
const md5_hex = /^[0-9a-fA-F]{32}$/;
const md5_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(22, "==")));
const md5_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(22)));
// SHA1 (20 bytes): base64 = 28 chars total (27 + "=")
const sha1_hex = /^[0-9a-fA-F]{40}$/;
const sha1_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(27, "=")));
const sha1_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(27)));
// SHA256 (32 bytes): base64 = 44 chars total (43 + "=")
const sha256_hex = /^[0-9a-fA-F]{64}$/;
const sha256_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(43, "=")));
const sha256_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(43)));
// SHA384 (48 bytes): base64 = 64 chars total (no padding)
const sha384_hex = /^[0-9a-fA-F]{96}$/;
const sha384_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(64, "")));
const sha384_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(64)));
// SHA512 (64 bytes): base64 = 88 chars total (86 + "==")
const sha512_hex = /^[0-9a-fA-F]{128}$/;
const sha512_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(86, "==")));
const sha512_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(86)));

;// CONCATENATED MODULE: ../main/node_modules/zod/v4/core/checks.js
// import { $ZodType } from "./schemas.js";



const $ZodCheck = /*@__PURE__*/ $constructor("$ZodCheck", (inst, def) => {
    var _a;
    inst._zod ?? (inst._zod = {});
    inst._zod.def = def;
    (_a = inst._zod).onattach ?? (_a.onattach = []);
});
/** Default `when` for size-based checks: run only on non-nullish values with a `size`. */
const _whenHasSize = (payload) => {
    const val = payload.value;
    return !util.nullish(val) && val.size !== undefined;
};
/** Default `when` for length-based checks: run only on non-nullish values with a `length`. */
const _whenHasLength = (payload) => {
    const val = payload.value;
    return !nullish(val) && val.length !== undefined;
};
const numericOriginMap = {
    number: "number",
    bigint: "bigint",
    object: "date",
};
const $ZodCheckLessThan = /*@__PURE__*/ $constructor("$ZodCheckLessThan", (inst, def) => {
    $ZodCheck.init(inst, def);
    const origin = numericOriginMap[typeof def.value];
    inst._zod.check = (payload) => {
        if (def.inclusive ? payload.value <= def.value : payload.value < def.value) {
            return;
        }
        payload.issues.push({
            origin: numericOriginMap[typeof payload.value] ?? origin,
            code: "too_big",
            maximum: typeof def.value === "object" ? def.value.getTime() : def.value,
            input: payload.value,
            inclusive: def.inclusive,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckGreaterThan = /*@__PURE__*/ $constructor("$ZodCheckGreaterThan", (inst, def) => {
    $ZodCheck.init(inst, def);
    const origin = numericOriginMap[typeof def.value];
    inst._zod.check = (payload) => {
        if (def.inclusive ? payload.value >= def.value : payload.value > def.value) {
            return;
        }
        payload.issues.push({
            origin: numericOriginMap[typeof payload.value] ?? origin,
            code: "too_small",
            minimum: typeof def.value === "object" ? def.value.getTime() : def.value,
            input: payload.value,
            inclusive: def.inclusive,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckMultipleOf = 
/*@__PURE__*/ $constructor("$ZodCheckMultipleOf", (inst, def) => {
    $ZodCheck.init(inst, def);
    inst._zod.check = (payload) => {
        if (typeof payload.value !== typeof def.value)
            throw new Error("Cannot mix number and bigint in multiple_of check.");
        const isMultiple = typeof payload.value === "bigint"
            ? // `value % 0n` throws, and nothing is a multiple of zero — the number branch already fails this way via NaN
                def.value !== BigInt(0) && payload.value % def.value === BigInt(0)
            : floatSafeRemainder(payload.value, def.value) === 0;
        if (isMultiple)
            return;
        payload.issues.push({
            origin: typeof payload.value,
            code: "not_multiple_of",
            divisor: def.value,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckNumberFormat = /*@__PURE__*/ $constructor("$ZodCheckNumberFormat", (inst, def) => {
    $ZodCheck.init(inst, def); // no format checks
    def.format = def.format || "float64";
    const isInt = def.format?.includes("int");
    const origin = isInt ? "int" : "number";
    const [minimum, maximum] = NUMBER_FORMAT_RANGES[def.format];
    inst._zod.check = (payload) => {
        const input = payload.value;
        if (isInt) {
            if (!Number.isInteger(input)) {
                // invalid_format issue
                // payload.issues.push({
                //   expected: def.format,
                //   format: def.format,
                //   code: "invalid_format",
                //   input,
                //   inst,
                // });
                // invalid_type issue
                payload.issues.push({
                    expected: origin,
                    format: def.format,
                    code: "invalid_type",
                    continue: false,
                    input,
                    inst,
                });
                return;
                // not_multiple_of issue
                // payload.issues.push({
                //   code: "not_multiple_of",
                //   origin: "number",
                //   input,
                //   inst,
                //   divisor: 1,
                // });
            }
            if (!Number.isSafeInteger(input)) {
                if (input > 0) {
                    // too_big
                    payload.issues.push({
                        input,
                        code: "too_big",
                        maximum: Number.MAX_SAFE_INTEGER,
                        note: "Integers must be within the safe integer range.",
                        inst,
                        origin,
                        inclusive: true,
                        continue: !def.abort,
                    });
                }
                else {
                    // too_small
                    payload.issues.push({
                        input,
                        code: "too_small",
                        minimum: Number.MIN_SAFE_INTEGER,
                        note: "Integers must be within the safe integer range.",
                        inst,
                        origin,
                        inclusive: true,
                        continue: !def.abort,
                    });
                }
                return;
            }
        }
        if (input < minimum) {
            payload.issues.push({
                origin: "number",
                input,
                code: "too_small",
                minimum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
        if (input > maximum) {
            payload.issues.push({
                origin: "number",
                input,
                code: "too_big",
                maximum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
    };
});
const $ZodCheckBigIntFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckBigIntFormat", (inst, def) => {
    $ZodCheck.init(inst, def); // no format checks
    const [minimum, maximum] = util.BIGINT_FORMAT_RANGES[def.format];
    inst._zod.check = (payload) => {
        const input = payload.value;
        if (input < minimum) {
            payload.issues.push({
                origin: "bigint",
                input,
                code: "too_small",
                minimum: minimum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
        if (input > maximum) {
            payload.issues.push({
                origin: "bigint",
                input,
                code: "too_big",
                maximum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
    };
})));
const $ZodCheckMaxSize = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckMaxSize", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasSize);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const size = input.size;
        if (size <= def.maximum)
            return;
        payload.issues.push({
            origin: util.getSizableOrigin(input),
            code: "too_big",
            maximum: def.maximum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckMinSize = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckMinSize", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasSize);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const size = input.size;
        if (size >= def.minimum)
            return;
        payload.issues.push({
            origin: util.getSizableOrigin(input),
            code: "too_small",
            minimum: def.minimum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckSizeEquals = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckSizeEquals", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasSize);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const size = input.size;
        if (size === def.size)
            return;
        const tooBig = size > def.size;
        payload.issues.push({
            origin: util.getSizableOrigin(input),
            ...(tooBig ? { code: "too_big", maximum: def.size } : { code: "too_small", minimum: def.size }),
            inclusive: true,
            exact: true,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckMaxLength = /*@__PURE__*/ $constructor("$ZodCheckMaxLength", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const units = input.length;
        // Strings are measured in Unicode code points, not UTF-16 units. A code point is at most two units, so a string that already fits in units fits in code points; only an overflow has to be counted.
        const length = typeof input === "string" && units > def.maximum ? codePointLength(input) : units;
        if (length <= def.maximum)
            return;
        const origin = getLengthableOrigin(input);
        payload.issues.push({
            origin,
            code: "too_big",
            maximum: def.maximum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckMinLength = /*@__PURE__*/ $constructor("$ZodCheckMinLength", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const units = input.length;
        // A code point is one or two UTF-16 units, so fewer units than the floor can never reach it and twice the floor always clears it. Only in between is the exact count in doubt.
        const length = typeof input === "string" && units >= def.minimum && units < def.minimum * 2
            ? codePointLength(input)
            : units;
        if (length >= def.minimum)
            return;
        const origin = getLengthableOrigin(input);
        payload.issues.push({
            origin,
            code: "too_small",
            minimum: def.minimum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckLengthEquals = /*@__PURE__*/ $constructor("$ZodCheckLengthEquals", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const units = input.length;
        // A code point is one or two UTF-16 units, so outside `[length, length * 2]` units the target is missed either way — and missed in the same direction in both measures.
        const length = typeof input === "string" && units >= def.length && units <= def.length * 2
            ? codePointLength(input)
            : units;
        if (length === def.length)
            return;
        const origin = getLengthableOrigin(input);
        const tooBig = length > def.length;
        payload.issues.push({
            origin,
            ...(tooBig ? { code: "too_big", maximum: def.length } : { code: "too_small", minimum: def.length }),
            inclusive: true,
            exact: true,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckStringFormat = /*@__PURE__*/ $constructor("$ZodCheckStringFormat", (inst, def) => {
    var _a, _b;
    $ZodCheck.init(inst, def);
    if (def.pattern)
        (_a = inst._zod).check ?? (_a.check = (payload) => {
            def.pattern.lastIndex = 0;
            if (def.pattern.test(payload.value))
                return;
            payload.issues.push({
                origin: "string",
                code: "invalid_format",
                format: def.format,
                input: payload.value,
                ...(def.pattern ? { pattern: def.pattern.toString() } : {}),
                inst,
                continue: !def.abort,
            });
        });
    else
        (_b = inst._zod).check ?? (_b.check = () => { });
});
const $ZodCheckRegex = /*@__PURE__*/ $constructor("$ZodCheckRegex", (inst, def) => {
    $ZodCheckStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        def.pattern.lastIndex = 0;
        if (def.pattern.test(payload.value))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "regex",
            input: payload.value,
            pattern: def.pattern.toString(),
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckLowerCase = /*@__PURE__*/ $constructor("$ZodCheckLowerCase", (inst, def) => {
    def.pattern ?? (def.pattern = lowercase);
    $ZodCheckStringFormat.init(inst, def);
});
const $ZodCheckUpperCase = /*@__PURE__*/ $constructor("$ZodCheckUpperCase", (inst, def) => {
    def.pattern ?? (def.pattern = uppercase);
    $ZodCheckStringFormat.init(inst, def);
});
const $ZodCheckIncludes = /*@__PURE__*/ $constructor("$ZodCheckIncludes", (inst, def) => {
    $ZodCheck.init(inst, def);
    const escapedRegex = escapeRegex(def.includes);
    // `String.prototype.includes(sub, position)` matches `sub` at `position`
    // OR LATER, so the pattern must allow at least `position` leading chars
    // (`{N,}`), not exactly `position` chars (`{N}`).
    const pattern = new RegExp(typeof def.position === "number" ? `^.{${def.position},}${escapedRegex}` : escapedRegex);
    def.pattern = pattern;
    inst._zod.check = (payload) => {
        if (payload.value.includes(def.includes, def.position))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "includes",
            includes: def.includes,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckStartsWith = /*@__PURE__*/ $constructor("$ZodCheckStartsWith", (inst, def) => {
    $ZodCheck.init(inst, def);
    const pattern = new RegExp(`^${escapeRegex(def.prefix)}.*`);
    def.pattern ?? (def.pattern = pattern);
    inst._zod.check = (payload) => {
        if (payload.value.startsWith(def.prefix))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "starts_with",
            prefix: def.prefix,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckEndsWith = /*@__PURE__*/ $constructor("$ZodCheckEndsWith", (inst, def) => {
    $ZodCheck.init(inst, def);
    const pattern = new RegExp(`.*${escapeRegex(def.suffix)}$`);
    def.pattern ?? (def.pattern = pattern);
    inst._zod.check = (payload) => {
        if (payload.value.endsWith(def.suffix))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "ends_with",
            suffix: def.suffix,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
///////////////////////////////////
/////    $ZodCheckProperty    /////
///////////////////////////////////
function handleCheckPropertyResult(result, payload, property) {
    if (result.issues.length) {
        payload.issues.push(...prefixIssues(property, result.issues));
    }
}
const $ZodCheckProperty = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckProperty", (inst, def) => {
    $ZodCheck.init(inst, def);
    inst._zod.check = (payload) => {
        const result = def.schema._zod.run({
            value: payload.value[def.property],
            issues: [],
        }, {});
        if (result instanceof Promise) {
            return result.then((result) => handleCheckPropertyResult(result, payload, def.property));
        }
        handleCheckPropertyResult(result, payload, def.property);
        return;
    };
})));
const $ZodCheckProperties = /*@__PURE__*/ $constructor("$ZodCheckProperties", (inst, def) => {
    $ZodCheck.init(inst, def);
    hide(inst, Symbol.iterator, function* () {
        yield inst;
    });
    // key and schema snapshotted together: reading one live and the other cached lets a later mutation of the caller's shape object pair a stale key with a missing schema
    let entries;
    inst._zod.check = (payload) => {
        // the base schema already typed the value, so only a nullish one is rejected here: the properties read on a primitive too, matching z.property() on a string's length
        if (payload.value == null) {
            payload.issues.push({ expected: "object", code: "invalid_type", input: payload.value, inst });
            return undefined;
        }
        entries ?? (entries = Reflect.ownKeys(def.shape).map((key) => [key, def.shape[key]]));
        const input = payload.value;
        let proms;
        for (const [key, schema] of entries) {
            const result = schema._zod.run({ value: input[key], issues: [] }, {});
            if (result instanceof Promise) {
                proms ?? (proms = []);
                proms.push(result.then((result) => handleCheckPropertyResult(result, payload, key)));
            }
            else {
                handleCheckPropertyResult(result, payload, key);
            }
        }
        if (proms)
            return Promise.all(proms).then(() => undefined);
        return undefined;
    };
});
const $ZodCheckMimeType = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckMimeType", (inst, def) => {
    $ZodCheck.init(inst, def);
    const mimeSet = new Set(def.mime);
    inst._zod.check = (payload) => {
        if (mimeSet.has(payload.value.type))
            return;
        payload.issues.push({
            code: "invalid_value",
            values: def.mime,
            input: payload.value.type,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckOverwrite = /*@__PURE__*/ $constructor("$ZodCheckOverwrite", (inst, def) => {
    $ZodCheck.init(inst, def);
    inst._zod.check = (payload) => {
        payload.value = def.tx(payload.value);
    };
});

;// CONCATENATED MODULE: ../main/node_modules/zod/v4/core/doc.js
class Doc {
    constructor(args = [], closed = {}) {
        this.content = [];
        this.indent = 0;
        this.args = args;
        this.closed = closed;
    }
    // the compiler catches a child's throw and keeps writing into this doc, so the indent has to unwind with it
    indented(fn) {
        this.indent += 1;
        try {
            fn(this);
        }
        finally {
            this.indent -= 1;
        }
    }
    write(arg) {
        if (typeof arg === "function") {
            arg(this, { execution: "sync" });
            arg(this, { execution: "async" });
            return;
        }
        const content = arg;
        const lines = content.split("\n").filter((x) => x);
        const minIndent = Math.min(...lines.map((x) => x.length - x.trimStart().length));
        const dedented = lines.map((x) => x.slice(minIndent)).map((x) => " ".repeat(this.indent * 2) + x);
        for (const line of dedented) {
            this.content.push(line);
        }
    }
    compile() {
        const F = Function;
        const content = this?.content ?? [``];
        const factory = new F(...Object.keys(this.closed), `return function (${this.args.join(", ")}) {\n${content.join("\n")}\n};`);
        return factory(...Object.values(this.closed));
    }
}

;// CONCATENATED MODULE: ../main/node_modules/zod/v4/core/versions.js
const version = {
    major: 4,
    minor: 6,
    patch: 7,
};

;// CONCATENATED MODULE: ../main/node_modules/zod/v4/core/schemas.js







const $ZodType = /*@__PURE__*/ $constructor("$ZodType", (inst, def) => {
    var _a;
    inst ?? (inst = {});
    inst._zod.def = def; // set _def property
    inst._zod.bag = inst._zod.bag || {}; // initialize _bag object
    inst._zod.version = version;
    const defChecks = inst._zod.def.checks;
    // if inst is itself a checks.$ZodCheck, run it as a check
    const checks = inst._zod.traits.has("$ZodCheck")
        ? [inst, ...(defChecks ?? [])]
        : defChecks?.length
            ? [...defChecks]
            : [];
    for (const ch of checks) {
        for (const fn of ch._zod.onattach) {
            fn(inst);
        }
    }
    if (checks.length === 0) {
        // deferred initializer inst._zod.parse is not yet defined
        (_a = inst._zod).deferred ?? (_a.deferred = []);
        inst._zod.deferred?.push(() => {
            inst._zod.run = inst._zod.parse;
        });
    }
    else {
        const runChecks = (payload, checks, ctx) => {
            if (payload.memo)
                return payload;
            let isAborted = aborted(payload);
            let asyncResult;
            for (const ch of checks) {
                if (ch._zod.def.when) {
                    if (explicitlyAborted(payload))
                        continue;
                    const shouldRun = ch._zod.def.when(payload);
                    if (!shouldRun)
                        continue;
                }
                else if (isAborted) {
                    continue;
                }
                const currLen = payload.issues.length;
                const _ = ch._zod.check(payload);
                if (_ instanceof Promise && ctx?.async === false) {
                    throw new $ZodAsyncError();
                }
                if (asyncResult || _ instanceof Promise) {
                    asyncResult = (asyncResult ?? Promise.resolve()).then(async () => {
                        await _;
                        const nextLen = payload.issues.length;
                        if (nextLen === currLen)
                            return;
                        attachSchema(payload.issues, currLen, inst);
                        if (!isAborted)
                            isAborted = aborted(payload, currLen);
                    });
                }
                else {
                    const nextLen = payload.issues.length;
                    if (nextLen === currLen)
                        continue;
                    attachSchema(payload.issues, currLen, inst);
                    if (!isAborted)
                        isAborted = aborted(payload, currLen);
                }
            }
            if (asyncResult) {
                return asyncResult.then(() => {
                    return payload;
                });
            }
            return payload;
        };
        const handleCanaryResult = (canary, payload, ctx) => {
            // abort if the canary is aborted
            if (aborted(canary)) {
                canary.aborted = true;
                return canary;
            }
            // run checks first, then
            const checkResult = runChecks(payload, checks, ctx);
            if (checkResult instanceof Promise) {
                if (ctx.async === false)
                    throw new $ZodAsyncError();
                return checkResult.then((checkResult) => inst._zod.parse(checkResult, ctx));
            }
            return inst._zod.parse(checkResult, ctx);
        };
        inst._zod.run = (payload, ctx) => {
            if (ctx.skipChecks) {
                return inst._zod.parse(payload, ctx);
            }
            if (ctx.direction === "backward") {
                // run canary initial pass (no checks)
                const canary = inst._zod.parse({ value: payload.value, issues: [] }, { ...ctx, skipChecks: true });
                if (canary instanceof Promise) {
                    return canary.then((canary) => {
                        return handleCanaryResult(canary, payload, ctx);
                    });
                }
                return handleCanaryResult(canary, payload, ctx);
            }
            // forward
            const result = inst._zod.parse(payload, ctx);
            if (result instanceof Promise) {
                if (ctx.async === false)
                    throw new $ZodAsyncError();
                return result.then((result) => runChecks(result, checks, ctx));
            }
            return runChecks(result, checks, ctx);
        };
    }
}, {
    // Wrappers extend this by installing a richer factory over it; reading it eagerly would defeat the laziness.
    get "~standard"() {
        return hide(this, "~standard", standardProps(this));
    },
    set "~standard"(value) {
        own(this, "~standard", value);
    },
});
/** The Standard Schema surface for `inst`. Shared so wrappers can extend it without forcing it. */
// a Standard Schema result only reports issues, so a failure finalizes them straight off the raw payload: no ZodError, and no lazy result to read through
const toStandardResult = (r, ctx) => r.issues.length ? { issues: r.issues.map((iss) => finalizeIssue(iss, ctx, config())) } : { value: r.value };
async function validateAsync(inst, value) {
    const ctx = { async: true };
    return toStandardResult((await inst._zod.run({ value, issues: [] }, ctx)), ctx);
}
function standardProps(inst) {
    return {
        validate: (value) => {
            const ctx = { async: false };
            try {
                const r = inst._zod.run({ value, issues: [] }, ctx);
                if (!(r instanceof Promise))
                    return toStandardResult(r, ctx);
            }
            catch (_) { }
            // async function so a synchronously throwing check rejects instead of escaping validate
            return validateAsync(inst, value);
        },
        vendor: "zod",
        version: 1,
    };
}

const $ZodString = /*@__PURE__*/ $constructor("$ZodString", (inst, def) => {
    $ZodType.init(inst, def);
    // a format's own pattern, else unbounded; a template literal derives the check-aware form itself
    inst._zod.pattern = def.pattern ?? anyString;
    inst._zod.parse = (payload, _) => {
        if (def.coerce)
            try {
                payload.value = String(payload.value);
            }
            catch (_) { }
        if (typeof payload.value === "string")
            return payload;
        payload.issues.push({
            expected: "string",
            code: "invalid_type",
            input: payload.value,
            inst,
        });
        return payload;
    };
});
const $ZodStringFormat = /*@__PURE__*/ $constructor("$ZodStringFormat", (inst, def) => {
    // check initialization must come first
    $ZodCheckStringFormat.init(inst, def);
    $ZodString.init(inst, def);
});
const $ZodGUID = /*@__PURE__*/ $constructor("$ZodGUID", (inst, def) => {
    def.pattern ?? (def.pattern = guid);
    $ZodStringFormat.init(inst, def);
});
const $ZodUUID = /*@__PURE__*/ $constructor("$ZodUUID", (inst, def) => {
    if (def.version) {
        const versionMap = {
            v1: 1,
            v2: 2,
            v3: 3,
            v4: 4,
            v5: 5,
            v6: 6,
            v7: 7,
            v8: 8,
        };
        const v = versionMap[def.version];
        if (v === undefined)
            throw new Error(`Invalid UUID version: "${def.version}"`);
        def.pattern ?? (def.pattern = uuid(v));
    }
    else
        def.pattern ?? (def.pattern = uuid());
    $ZodStringFormat.init(inst, def);
});
const $ZodEmail = /*@__PURE__*/ $constructor("$ZodEmail", (inst, def) => {
    def.pattern ?? (def.pattern = email);
    $ZodStringFormat.init(inst, def);
});
/** The `://` guard rejected the input before the URL constructor saw it. */
const URL_BAD_FORMAT = 1;
/** The URL parser rejected the input. */
const URL_UNPARSEABLE = 2;
function canParseURL(input) {
    try {
        if (typeof URL !== "undefined" && typeof URL.canParse === "function")
            return URL.canParse(input);
        new URL(input);
        return true;
    }
    catch {
        return false;
    }
}
function validateURL(trimmed, def) {
    if (!("normalize" in def) && !("hostname" in def) && !("protocol" in def)) {
        return canParseURL(trimmed) || URL_UNPARSEABLE;
    }
    return parseURLObject(trimmed, def);
}
/** Parses a URL while preserving the non-normalizing HTTP guard. */
function parseURLObject(trimmed, def) {
    // When normalize is off, require :// for http/https URLs. This prevents strings like "http:example.com" or "https:/path" from being silently accepted
    if (!def.normalize && def.protocol?.source === httpProtocol.source && !/^https?:\/\//i.test(trimmed)) {
        return URL_BAD_FORMAT;
    }
    try {
        if (typeof URL !== "undefined") {
            const URLStatic = URL;
            if (typeof URLStatic.parse === "function")
                return URLStatic.parse(trimmed) ?? URL_UNPARSEABLE;
        }
        // @ts-ignore
        return new URL(trimmed);
    }
    catch {
        return URL_UNPARSEABLE;
    }
}
const asciiTabOrNewline = /[\t\n\r]/g;
/** The URL parser deletes every ASCII tab, LF and CR from its input before it parses, so `new URL("https://exa\nmple.com")` reports on `example.com`. Applying the same deletion to the returned value closes the half of that divergence which can move the host; the parser's other rewrite, stripping C0 controls at the edges, cannot. */
function stripTabAndNewline(value) {
    return value.replace(asciiTabOrNewline, "");
}
function urlHostnameOk(url, hostname) {
    hostname.lastIndex = 0;
    return hostname.test(url.hostname);
}
function urlProtocolOk(url, protocol) {
    protocol.lastIndex = 0;
    return protocol.test(url.protocol.endsWith(":") ? url.protocol.slice(0, -1) : url.protocol);
}
const $ZodURL = /*@__PURE__*/ $constructor("$ZodURL", (inst, def) => {
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        try {
            // Trim whitespace from input
            const trimmed = payload.value.trim();
            const url = validateURL(trimmed, def);
            if (url === URL_BAD_FORMAT) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    note: "Invalid URL format",
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
                return;
            }
            if (url === URL_UNPARSEABLE) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
                return;
            }
            if (url === true) {
                payload.value = stripTabAndNewline(trimmed);
                return;
            }
            if (def.hostname && !urlHostnameOk(url, def.hostname)) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    note: "Invalid hostname",
                    pattern: def.hostname.source,
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
            }
            if (def.protocol && !urlProtocolOk(url, def.protocol)) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    note: "Invalid protocol",
                    pattern: def.protocol.source,
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
            }
            // Set the output value based on normalize flag
            payload.value = def.normalize ? url.href : stripTabAndNewline(trimmed);
            return;
        }
        catch (_) {
            payload.issues.push({
                code: "invalid_format",
                format: "url",
                input: payload.value,
                inst,
                continue: !def.abort,
            });
        }
    };
});
const $ZodEmoji = /*@__PURE__*/ $constructor("$ZodEmoji", (inst, def) => {
    def.pattern ?? (def.pattern = emoji());
    $ZodStringFormat.init(inst, def);
});
const $ZodNanoID = /*@__PURE__*/ $constructor("$ZodNanoID", (inst, def) => {
    if (def.length !== undefined && (!Number.isInteger(def.length) || def.length < 1))
        throw new Error(`Invalid nanoid length: ${def.length}`);
    def.pattern ?? (def.pattern = def.length === undefined ? nanoid : nanoidOfLength(def.length));
    $ZodStringFormat.init(inst, def);
});
/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link $ZodCUID2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
const $ZodCUID = /*@__PURE__*/ $constructor("$ZodCUID", (inst, def) => {
    def.pattern ?? (def.pattern = cuid);
    $ZodStringFormat.init(inst, def);
});
const $ZodCUID2 = /*@__PURE__*/ $constructor("$ZodCUID2", (inst, def) => {
    def.pattern ?? (def.pattern = cuid2);
    $ZodStringFormat.init(inst, def);
});
const $ZodULID = /*@__PURE__*/ $constructor("$ZodULID", (inst, def) => {
    def.pattern ?? (def.pattern = ulid);
    $ZodStringFormat.init(inst, def);
});
const $ZodXID = /*@__PURE__*/ $constructor("$ZodXID", (inst, def) => {
    def.pattern ?? (def.pattern = xid);
    $ZodStringFormat.init(inst, def);
});
const $ZodKSUID = /*@__PURE__*/ $constructor("$ZodKSUID", (inst, def) => {
    def.pattern ?? (def.pattern = ksuid);
    $ZodStringFormat.init(inst, def);
});
const $ZodISODateTime = /*@__PURE__*/ $constructor("$ZodISODateTime", (inst, def) => {
    def.pattern ?? (def.pattern = datetime(def));
    $ZodStringFormat.init(inst, def);
});
const $ZodISODate = /*@__PURE__*/ $constructor("$ZodISODate", (inst, def) => {
    def.pattern ?? (def.pattern = date);
    $ZodStringFormat.init(inst, def);
});
const $ZodISOTime = /*@__PURE__*/ $constructor("$ZodISOTime", (inst, def) => {
    def.pattern ?? (def.pattern = time(def));
    $ZodStringFormat.init(inst, def);
});
const $ZodISODuration = /*@__PURE__*/ $constructor("$ZodISODuration", (inst, def) => {
    def.pattern ?? (def.pattern = duration);
    $ZodStringFormat.init(inst, def);
});
const $ZodIPv4 = /*@__PURE__*/ $constructor("$ZodIPv4", (inst, def) => {
    def.pattern ?? (def.pattern = ipv4);
    $ZodStringFormat.init(inst, def);
});
/** An IPv6 address is written with hex digits, colons and dots, and nothing else. The guard is what makes the check below an IPv6 check: `new URL("http://[...]")` parses an authority, not an address, so `@` and `\` re-delimit it and `"::@1\\"` validates against the host `0.0.0.1`. The URL parser also deletes ASCII tab, LF and CR rather than failing, which is how `"::1\n"` validated as `::1`. */
const ipv6Alphabet = /^[0-9a-fA-F:.]+$/;
function isValidIPv6(value) {
    if (!ipv6Alphabet.test(value))
        return false;
    return canParseURL(`http://[${value}]`);
}
const $ZodIPv6 = /*@__PURE__*/ $constructor("$ZodIPv6", (inst, def) => {
    def.pattern ?? (def.pattern = ipv6);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (!isValidIPv6(payload.value)) {
            payload.issues.push({
                code: "invalid_format",
                format: "ipv6",
                input: payload.value,
                inst,
                continue: !def.abort,
            });
        }
    };
});
const $ZodMAC = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodMAC", (inst, def) => {
    def.pattern ?? (def.pattern = regexes.mac(def.delimiter));
    $ZodStringFormat.init(inst, def);
})));
const $ZodCIDRv4 = /*@__PURE__*/ $constructor("$ZodCIDRv4", (inst, def) => {
    def.pattern ?? (def.pattern = cidrv4);
    $ZodStringFormat.init(inst, def);
});
function isValidCIDRv6(value) {
    const parts = value.split("/");
    if (parts.length !== 2)
        return false;
    const [address, prefix] = parts;
    if (!prefix)
        return false;
    const prefixNum = Number(prefix);
    if (`${prefixNum}` !== prefix)
        return false;
    if (prefixNum < 0 || prefixNum > 128)
        return false;
    return isValidIPv6(address);
}
const $ZodCIDRv6 = /*@__PURE__*/ $constructor("$ZodCIDRv6", (inst, def) => {
    def.pattern ?? (def.pattern = cidrv6); // not used for validation
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (!isValidCIDRv6(payload.value)) {
            payload.issues.push({
                code: "invalid_format",
                format: "cidrv6",
                input: payload.value,
                inst,
                continue: !def.abort,
            });
        }
    };
});
//////////////////////////////   ZodBase64   //////////////////////////////
function isValidBase64(data) {
    if (data === "")
        return true;
    // atob ignores whitespace, so reject it up front.
    if (/\s/.test(data))
        return false;
    if (data.length % 4 !== 0)
        return false;
    try {
        // @ts-ignore
        atob(data);
        return true;
    }
    catch {
        return false;
    }
}
// lax on purpose: the quantified regexes.base64 overflows the regex stack on multi-MB input and its leading ^$| alternation leaks through template-literal composition; isValidBase64 enforces length and padding
const base64Charset = /^[0-9a-zA-Z+/]*={0,2}$/;
const $ZodBase64 = /*@__PURE__*/ $constructor("$ZodBase64", (inst, def) => {
    def.pattern ?? (def.pattern = base64Charset);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidBase64(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "base64",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
//////////////////////////////   ZodBase64URL   //////////////////////////////
// lax on purpose: the quantified regexes.base64url overflows the regex stack on multi-MB input; isValidBase64 enforces length on the padded string
const base64urlCharset = /^[A-Za-z0-9_-]*$/;
function isValidBase64URL(data) {
    if (!base64urlCharset.test(data))
        return false;
    const base64 = data.replace(/[-_]/g, (c) => (c === "-" ? "+" : "/"));
    const padded = base64.padEnd(Math.ceil(base64.length / 4) * 4, "=");
    return isValidBase64(padded);
}
const $ZodBase64URL = /*@__PURE__*/ $constructor("$ZodBase64URL", (inst, def) => {
    def.pattern ?? (def.pattern = base64urlCharset);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidBase64URL(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "base64url",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodE164 = /*@__PURE__*/ $constructor("$ZodE164", (inst, def) => {
    def.pattern ?? (def.pattern = e164);
    $ZodStringFormat.init(inst, def);
});
//////////////////////////////   ZodCreditCard   //////////////////////////////
const CC_SANITIZE = /[- ]/g;
/** Luhn checksum on a digit-only string. Adapted from valibot (MIT). */
function isLuhnAlgo(digits) {
    let length = digits.length;
    let bit = 1;
    let sum = 0;
    while (length) {
        const value = digits.charCodeAt(--length) - 48;
        bit ^= 1;
        sum += bit ? [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][value] : value;
    }
    return sum % 10 === 0;
}
function isValidCreditCard(input) {
    if (!regexes.creditCard.test(input))
        return false;
    return isLuhnAlgo(input.replace(CC_SANITIZE, ""));
}
const $ZodCreditCard = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCreditCard", (inst, def) => {
    // Shape only — the Luhn check below is not expressible as a pattern, so consumers of `pattern` (JSON Schema, template literals) get the length and separator rules alone.
    def.pattern ?? (def.pattern = regexes.creditCard);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidCreditCard(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "credit_card",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
//////////////////////////////   ZodIBAN   //////////////////////////////
// iso 7064 mod 97-10 checksum without BigInt
function isIso7064Mod97(iban) {
    let remainder = 0;
    const len = iban.length;
    for (let i = 4; i < len; i++) {
        const code = iban.charCodeAt(i);
        remainder = (code >= 65 ? remainder * 100 + (code - 55) : remainder * 10 + (code - 48)) % 97;
    }
    for (let i = 0; i < 4; i++) {
        const code = iban.charCodeAt(i);
        remainder = (code >= 65 ? remainder * 100 + (code - 55) : remainder * 10 + (code - 48)) % 97;
    }
    return remainder === 1;
}
function isValidIBAN(input) {
    if (!regexes.iban.test(input))
        return false;
    return isIso7064Mod97(input);
}
const $ZodIBAN = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodIBAN", (inst, def) => {
    // shape only — checksum is not expressible as a pattern
    def.pattern ?? (def.pattern = regexes.iban);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidIBAN(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "iban",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
//////////////////////////////   ZodJWT   //////////////////////////////
function isValidJWT(token, algorithm = null) {
    try {
        const tokensParts = token.split(".");
        if (tokensParts.length !== 3)
            return false;
        const [header] = tokensParts;
        if (!header)
            return false;
        // @ts-ignore
        const parsedHeader = JSON.parse(atob(header));
        if ("typ" in parsedHeader && parsedHeader?.typ !== "JWT")
            return false;
        if (!parsedHeader.alg)
            return false;
        if (algorithm && (!("alg" in parsedHeader) || parsedHeader.alg !== algorithm))
            return false;
        return true;
    }
    catch {
        return false;
    }
}
const $ZodJWT = /*@__PURE__*/ $constructor("$ZodJWT", (inst, def) => {
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidJWT(payload.value, def.alg))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "jwt",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCustomStringFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCustomStringFormat", (inst, def) => {
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (def.fn(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: def.format,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodNumber = /*@__PURE__*/ $constructor("$ZodNumber", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = number;
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce)
            try {
                payload.value = Number(payload.value);
            }
            catch (_) { }
        const input = payload.value;
        if (typeof input === "number" && !Number.isNaN(input) && Number.isFinite(input)) {
            return payload;
        }
        const received = typeof input === "number"
            ? Number.isNaN(input)
                ? "NaN"
                : !Number.isFinite(input)
                    ? String(input)
                    : undefined
            : undefined;
        payload.issues.push({
            expected: "number",
            code: "invalid_type",
            input,
            inst,
            ...(received ? { received } : {}),
        });
        return payload;
    };
});
const $ZodNumberFormat = /*@__PURE__*/ $constructor("$ZodNumberFormat", (inst, def) => {
    $ZodCheckNumberFormat.init(inst, def);
    $ZodNumber.init(inst, def); // no format checks
});
const $ZodBoolean = /*@__PURE__*/ $constructor("$ZodBoolean", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = regexes_boolean;
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce)
            try {
                payload.value = Boolean(payload.value);
            }
            catch (_) { }
        const input = payload.value;
        if (typeof input === "boolean")
            return payload;
        payload.issues.push({
            expected: "boolean",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
});
const $ZodBigInt = /*@__PURE__*/ $constructor("$ZodBigInt", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = bigint;
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce)
            try {
                payload.value = BigInt(payload.value);
            }
            catch (_) { }
        if (typeof payload.value === "bigint")
            return payload;
        payload.issues.push({
            expected: "bigint",
            code: "invalid_type",
            input: payload.value,
            inst,
        });
        return payload;
    };
});
const $ZodBigIntFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodBigIntFormat", (inst, def) => {
    checks.$ZodCheckBigIntFormat.init(inst, def);
    $ZodBigInt.init(inst, def); // no format checks
})));
const $ZodSymbol = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodSymbol", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (typeof input === "symbol")
            return payload;
        payload.issues.push({
            expected: "symbol",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodUndefined = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodUndefined", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = regexes.undefined;
    inst._zod.values = new Set([undefined]);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (typeof input === "undefined")
            return payload;
        payload.issues.push({
            expected: "undefined",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodNull = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodNull", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = regexes.null;
    inst._zod.values = new Set([null]);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (input === null)
            return payload;
        payload.issues.push({
            expected: "null",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodAny = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodAny", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload) => payload;
})));
const $ZodUnknown = /*@__PURE__*/ $constructor("$ZodUnknown", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload) => payload;
});
const $ZodNever = /*@__PURE__*/ $constructor("$ZodNever", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        payload.issues.push({
            expected: "never",
            code: "invalid_type",
            input: payload.value,
            inst,
        });
        return payload;
    };
});
const $ZodVoid = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodVoid", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (typeof input === "undefined")
            return payload;
        payload.issues.push({
            expected: "void",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodDate = /*@__PURE__*/ $constructor("$ZodDate", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce) {
            try {
                payload.value = new Date(payload.value);
            }
            catch (_err) { }
        }
        const input = payload.value;
        const isDate = input instanceof Date;
        const isValidDate = isDate && !Number.isNaN(input.getTime());
        if (isValidDate)
            return payload;
        payload.issues.push({
            expected: "date",
            code: "invalid_type",
            input,
            ...(isDate ? { received: "Invalid Date" } : {}),
            inst,
        });
        return payload;
    };
});
// an oversized container fails its leading size checks before any element is parsed
function capSize(inst, size) {
    const caps = sizeCaps(inst._zod.def.checks);
    if (!caps.length)
        return;
    const cap = Math.min(...caps.map((c) => c[0]));
    const parse = inst._zod.parse;
    inst._zod.parse = (payload, ctx) => {
        const n = size(payload.value);
        if (n > cap && !ctx?.skipChecks && ctx?.direction !== "backward") {
            for (const [max, ch] of sizeCaps(inst._zod.def.checks)) {
                if (n > max && ch._zod.def.when(payload)) {
                    const start = payload.issues.length;
                    ch._zod.check(payload);
                    // the value is still the raw input, so no later check may read it
                    payload.issues[start].continue = false;
                    attachSchema(payload.issues, start, inst);
                    return payload;
                }
            }
        }
        return parse(payload, ctx);
    };
}
const arraySize = (input) => (Array.isArray(input) ? input.length : -1);
const mapSize = (input) => (input instanceof Map ? input.size : -1);
const setSize = (input) => (input instanceof Set ? input.size : -1);
function handleArrayResult(result, final, index) {
    if (result.issues.length) {
        final.issues.push(...prefixIssues(index, result.issues));
    }
    final.value[index] = result.value;
}
const $ZodArray = /*@__PURE__*/ $constructor("$ZodArray", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!Array.isArray(input)) {
            payload.issues.push({
                expected: "array",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        payload.value = memo ? memo.alloc(inst, payload, Array(input.length), ctx) : Array(input.length);
        const proms = [];
        const abortEarly = ctx?.abortEarly;
        for (let i = 0; i < input.length; i++) {
            const item = input[i];
            const result = def.element._zod.run({
                value: item,
                issues: [],
            }, ctx);
            if (result instanceof Promise) {
                proms.push(result.then((result) => handleArrayResult(result, payload, i)));
            }
            else {
                handleArrayResult(result, payload, i);
                // the element's payload is authoritative here, since handleArrayResult forwards every issue; an object's is not, because it drops a failed absent optional
                if (abortEarly && result.issues.length !== 0 && aborted(result))
                    break;
            }
        }
        if (proms.length) {
            return Promise.all(proms).then(() => payload);
        }
        return payload; //handleArrayResultsAsync(parseResults, final);
    };
    capSize(inst, arraySize);
});
function handlePropertyResult(result, final, key, input, optin, optout) {
    const isPresent = key in input;
    const isOptionalOut = optout === "optional";
    // The middle rung means "absence permitted, nothing supplied in its place", so an absent key contributes nothing — whatever the schema made of `undefined` is invented, not substituted. Only `optional` reaches this with a value: `defaulted` substitutes, and a schema that isn't optional-out has to keep the key.
    if (!isPresent && isOptionalOut && optin === "optional") {
        return;
    }
    if (result.issues.length) {
        // For optional-in/out schemas, ignore errors on absent keys.
        if (optin !== undefined && isOptionalOut && !isPresent) {
            return;
        }
        final.issues.push(...prefixIssues(key, result.issues));
    }
    if (!isPresent && optin === undefined) {
        if (!result.issues.length) {
            final.issues.push({
                code: "invalid_type",
                expected: "nonoptional",
                input: undefined,
                path: [key],
            });
        }
        return;
    }
    if (result.value === undefined) {
        if (isPresent || (optin === "defaulted" && !isOptionalOut)) {
            final.value[key] = undefined;
        }
    }
    else {
        final.value[key] = result.value;
    }
}
// one shared instance; a fresh [] per schema cost 56 bytes retained
const NO_SYMBOL_KEYS = [];
function normalizeDef(def) {
    const keys = Object.keys(def.shape);
    const ownSymbols = Object.getOwnPropertySymbols(def.shape);
    const symbolKeys = ownSymbols.length ? ownSymbols : NO_SYMBOL_KEYS;
    // aliases `keys` when there are no symbols, so a string-only shape keeps one array
    const allKeys = symbolKeys.length ? [...keys, ...symbolKeys] : keys;
    for (const k of allKeys) {
        if (!def.shape?.[k]?._zod?.traits?.has("$ZodType")) {
            throw new Error(`Invalid element at key "${String(k)}": expected a Zod schema`);
        }
    }
    const okeys = optionalKeys(def.shape);
    return {
        ...def,
        allKeys,
        symbolKeys,
        // string-only: handleCatchall matches it against `for...in`, which never yields a symbol
        keySet: new Set(keys),
        numKeys: keys.length,
        optionalKeys: new Set(okeys),
    };
}
function handleCatchall(proms, input, payload, ctx, def, inst, abortEarly) {
    const unrecognized = [];
    const keySet = def.keySet;
    const _catchall = def.catchall._zod;
    const t = _catchall.def.type;
    const optin = _catchall.optin;
    const optout = _catchall.optout;
    // starts at 0, not the current length: the shape phase already ran and may have aborted
    let seen = 0;
    for (const key in input) {
        if (abortEarly && payload.issues.length !== seen) {
            if (aborted(payload, seen))
                break;
            seen = payload.issues.length;
        }
        // Must precede the __proto__ branch: a declared key is not unrecognized, even though the shape loop deliberately strips __proto__ from the parsed output.
        if (keySet.has(key))
            continue;
        // Don't copy an undeclared __proto__ into the result; assignment to a plain {} would replace the result prototype. But in strict mode it is still an unknown key, so report it before skipping.
        if (key === "__proto__") {
            if (t === "never")
                unrecognized.push(key);
            continue;
        }
        if (t === "never") {
            unrecognized.push(key);
            continue;
        }
        const r = _catchall.run({ value: input[key], issues: [] }, ctx);
        if (r instanceof Promise) {
            proms.push(r.then((r) => handlePropertyResult(r, payload, key, input, optin, optout)));
        }
        else {
            handlePropertyResult(r, payload, key, input, optin, optout);
        }
    }
    if (unrecognized.length) {
        payload.issues.push({
            code: "unrecognized_keys",
            keys: unrecognized,
            input,
            inst,
            // Describes the shape of the input, not the validity of the parsed value, so it never aborts. The parse still fails; the schema's own checks just get to run first, and an enclosing intersection can reconcile the key against a sibling operand.
            continue: true,
        });
    }
    if (!proms.length)
        return payload;
    return Promise.all(proms).then(() => {
        return payload;
    });
}
const $ZodObject = /*@__PURE__*/ $constructor("$ZodObject", (inst, def) => {
    // requires cast because technically $ZodObject doesn't extend
    $ZodType.init(inst, def);
    const desc = Object.getOwnPropertyDescriptor(def, "shape");
    // a cloned def carries its source's accessor, which knows the shape it answers from; adopting that keeps the clone's keys readable without running it
    const sh = desc?.get ? desc.get.raw : (def.shape ?? {});
    if (sh) {
        // Freezes the shape on first read, so its getters resolve once and every later read sees the same schemas.
        const get = () => {
            const newSh = { ...sh };
            Object.defineProperty(def, "shape", { value: newSh });
            get.raw = newSh;
            return newSh;
        };
        get.raw = sh;
        Object.defineProperty(def, "shape", { get });
    }
    const _normalized = cached(() => normalizeDef(def));
    defineLazyInternal(inst, "propValues", (zod) => {
        const shape = zod.def.shape;
        const propValues = {};
        for (const key in shape) {
            const field = shape[key]._zod;
            if (field.values) {
                if (!Object.prototype.hasOwnProperty.call(propValues, key)) {
                    util_assignProp(propValues, key, new Set());
                }
                for (const v of field.values)
                    propValues[key].add(v);
                // An omittable slot reads back as undefined at a discriminator lookup, so it has to claim undefined: two options that can both omit the key are not discriminable on it.
                if (field.optin !== undefined)
                    propValues[key].add(undefined);
            }
        }
        return propValues;
    });
    const isObject = util_isObject;
    const catchall = def.catchall;
    let value;
    const memo = globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        value ?? (value = _normalized.value);
        const input = payload.value;
        if (!isObject(input)) {
            payload.issues.push({
                expected: "object",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
        const proms = [];
        const shape = value.shape;
        const abortEarly = ctx?.abortEarly;
        let seen = payload.issues.length;
        for (const key of value.allKeys) {
            if (abortEarly && payload.issues.length !== seen) {
                if (aborted(payload, seen))
                    break;
                seen = payload.issues.length;
            }
            if (key === "__proto__")
                continue;
            const el = shape[key];
            const optin = el._zod.optin;
            const optout = el._zod.optout;
            const r = el._zod.run({ value: input[key], issues: [] }, ctx);
            if (r instanceof Promise) {
                proms.push(r.then((r) => handlePropertyResult(r, payload, key, input, optin, optout)));
            }
            else {
                handlePropertyResult(r, payload, key, input, optin, optout);
            }
        }
        if (!catchall) {
            return proms.length ? Promise.all(proms).then(() => payload) : payload;
        }
        return handleCatchall(proms, input, payload, ctx, _normalized.value, inst, abortEarly === true);
    };
});
const $ZodObjectJIT = /*@__PURE__*/ $constructor("$ZodObjectJIT", (inst, def) => {
    // requires cast because technically $ZodObject doesn't extend
    $ZodObject.init(inst, def);
    const superParse = inst._zod.parse;
    const _normalized = cached(() => normalizeDef(def));
    const memo = globalConfig.memoizer;
    const generateFastpass = (shape) => {
        const normalized = _normalized.value;
        const syms = normalized.symbolKeys;
        // a symbol has no source literal, so it is read as `syms[i]` off the closed-over scope
        const doc = new Doc(["payload", "ctx"], { shape, inst, memo, syms });
        const parseStr = (k) => `shape[${k}]._zod.run({ value: input[${k}], issues: [] }, ctx)`;
        // prefixes in place, like util.prefixIssues. newResult must land before the early return: a catchall runs after this and would otherwise write onto the caller's input
        const prefixStr = (id, k) => `
          let ${id}_ab = false;
          for (let i = 0; i < ${id}.issues.length; i++) {
            const iss = ${id}.issues[i];
            iss.path = iss.path ? [${k}, ...iss.path] : [${k}];
            payload.issues.push(iss);
            if (iss.continue !== true) ${id}_ab = true;
          }
          if (${id}_ab && ctx && ctx.abortEarly) {
            payload.value = newResult;
            return payload;
          }`;
        doc.write(`const input = payload.value;`);
        const ids = Object.create(null);
        let counter = 0;
        for (const key of normalized.allKeys) {
            ids[key] = `key_${counter++}`;
        }
        // A: preserve key order {
        doc.write(memo ? `const newResult = memo.alloc(inst, payload, {}, ctx);` : `const newResult = {};`);
        for (const key of normalized.allKeys) {
            if (key === "__proto__")
                continue;
            const id = ids[key];
            const k = typeof key === "symbol" ? `syms[${syms.indexOf(key)}]` : esc(key);
            const isPresent = `${k} in input`;
            const schema = shape[key];
            const optin = schema?._zod?.optin;
            const isOptionalIn = optin !== undefined;
            const isOptionalOut = schema?._zod?.optout === "optional";
            doc.write(`const ${id} = ${parseStr(k)};`);
            if (isOptionalIn && isOptionalOut) {
                // For optional-in/out schemas, ignore errors on absent keys — and, like the interpreted path, drop the value produced alongside them. The middle rung goes further: it permits absence without supplying anything in its place, so an absent key contributes nothing at all.
                const assign = optin === "optional" ? `${id}_present` : `${id}.value !== undefined || ${id}_present`;
                doc.write(`
        const ${id}_present = ${isPresent};
        if (!${id}.issues.length || ${id}_present) {
          if (${id}.issues.length) {${prefixStr(id, k)}
          }

          if (${assign}) {
            newResult[${k}] = ${id}.value;
          }
        }

      `);
            }
            else if (!isOptionalIn) {
                doc.write(`
        const ${id}_present = ${isPresent};
        if (${id}.issues.length) {${prefixStr(id, k)}
        }
        if (!${id}_present && !${id}.issues.length) {
          payload.issues.push({
            code: "invalid_type",
            expected: "nonoptional",
            input: undefined,
            path: [${k}]
          });
          if (ctx && ctx.abortEarly) {
            payload.value = newResult;
            return payload;
          }
        }

        if (${id}_present) {
          newResult[${k}] = ${id}.value;
        }

      `);
            }
            else {
                doc.write(`
        if (${id}.issues.length) {${prefixStr(id, k)}
        }
      `);
                if (optin === "defaulted") {
                    doc.write(`newResult[${k}] = ${id}.value;`);
                }
                else {
                    doc.write(`
        if (${id}.value !== undefined || ${isPresent}) {
          newResult[${k}] = ${id}.value;
        }
      `);
                }
            }
        }
        doc.write(`payload.value = newResult;`);
        doc.write(`return payload;`);
        // closing `shape` in is what pays: turbofan specializes the parser against that one shape object, so every `shape[k]._zod.run` folds to a known callee. as a parameter it stays a generic load and measures 13% slower even with the forwarding frame gone
        return doc.compile();
    };
    let fastpass;
    const isObject = util_isObject;
    const jit = !globalConfig.jitless;
    const allowsEval = util_allowsEval;
    const fastEnabled = jit && allowsEval.value; // && !def.catchall;
    const catchall = def.catchall;
    let value;
    inst._zod.parse = (payload, ctx) => {
        value ?? (value = _normalized.value);
        const input = payload.value;
        if (!isObject(input)) {
            payload.issues.push({
                expected: "object",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        if (jit && fastEnabled && ctx?.async === false && ctx.jitless !== true) {
            // always synchronous
            if (!fastpass)
                fastpass = generateFastpass(def.shape);
            payload = fastpass(payload, ctx);
            if (!catchall)
                return payload;
            return handleCatchall([], input, payload, ctx, value, inst, ctx?.abortEarly === true);
        }
        return superParse(payload, ctx);
    };
});
function handleUnionResults(results, final, inst, ctx) {
    for (const result of results) {
        if (result.issues.length === 0) {
            final.value = result.value;
            return final;
        }
    }
    const nonaborted = results.filter((r) => !aborted(r));
    if (nonaborted.length === 1) {
        final.value = nonaborted[0].value;
        return nonaborted[0];
    }
    final.issues.push({
        code: "invalid_union",
        input: final.value,
        inst,
        errors: results.map((result) => result.issues.map((iss) => finalizeIssue(iss, ctx, config()))),
    });
    return final;
}
const $ZodUnion = /*@__PURE__*/ $constructor("$ZodUnion", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "optin", (zod) => zod.def.options.some((o) => o._zod.optin === "defaulted")
        ? "defaulted"
        : zod.def.options.some((o) => o._zod.optin !== undefined)
            ? "optional"
            : undefined);
    defineLazyInternal(inst, "optout", (zod) => zod.def.options.some((o) => o._zod.optout === "optional") ? "optional" : undefined);
    defineLazyInternal(inst, "values", (zod) => {
        if (zod.def.options.every((o) => o._zod.values)) {
            return new Set(zod.def.options.flatMap((option) => Array.from(option._zod.values)));
        }
        return undefined;
    });
    defineLazyInternal(inst, "pattern", (zod) => {
        if (zod.def.options.every((o) => o._zod.pattern)) {
            const patterns = zod.def.options.map((o) => o._zod.pattern);
            return new RegExp(`^(${patterns.map((p) => cleanRegex(p.source)).join("|")})$`);
        }
        return undefined;
    });
    const first = def.options.length === 1 ? def.options[0]._zod.run : null;
    inst._zod.parse = (payload, ctx) => {
        if (first) {
            return first(payload, ctx);
        }
        let async = false;
        const results = [];
        for (const option of def.options) {
            const result = option._zod.run({
                value: payload.value,
                issues: [],
            }, ctx);
            if (result instanceof Promise) {
                results.push(result);
                async = true;
            }
            else {
                if (result.issues.length === 0)
                    return result;
                results.push(result);
            }
        }
        if (!async)
            return handleUnionResults(results, payload, inst, ctx);
        return Promise.all(results).then((results) => {
            return handleUnionResults(results, payload, inst, ctx);
        });
    };
});
function handleExclusiveUnionResults(results, final, inst, ctx) {
    const matches = [];
    for (let i = 0; i < results.length; i++) {
        if (results[i].issues.length === 0)
            matches.push(i);
    }
    if (matches.length === 1) {
        final.value = results[matches[0]].value;
        return final;
    }
    if (matches.length === 0) {
        // No matches - same as regular union
        final.issues.push({
            code: "invalid_union",
            input: final.value,
            inst,
            errors: results.map((result) => result.issues.map((iss) => util.finalizeIssue(iss, ctx, core.config()))),
        });
    }
    else {
        // Multiple matches - exclusive union failure
        final.issues.push({
            code: "invalid_union",
            input: final.value,
            inst,
            errors: [],
            inclusive: false,
            matches,
        });
    }
    return final;
}
const $ZodXor = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodXor", (inst, def) => {
    $ZodUnion.init(inst, def);
    def.inclusive = false;
    const first = def.options.length === 1 ? def.options[0]._zod.run : null;
    inst._zod.parse = (payload, ctx) => {
        if (first) {
            return first(payload, ctx);
        }
        let async = false;
        const results = [];
        for (const option of def.options) {
            const result = option._zod.run({
                value: payload.value,
                issues: [],
            }, ctx);
            if (result instanceof Promise) {
                results.push(result);
                async = true;
            }
            else {
                results.push(result);
            }
        }
        if (!async)
            return handleExclusiveUnionResults(results, payload, inst, ctx);
        return Promise.all(results).then((results) => {
            return handleExclusiveUnionResults(results, payload, inst, ctx);
        });
    };
})));
/** Returns the option whose discriminator claims `value`, or throws if ambiguous. */
function getDiscriminatedOption(union, value) {
    const internals = union._zod;
    let map = internals.bag.optionsMap;
    if (!map) {
        map = discriminatorMap(internals.def);
        internals.bag.optionsMap = map;
    }
    const option = map.get(value);
    if (option === null)
        throw new Error(`Ambiguous discriminator value "${String(value)}"`);
    return option;
}
function discriminatorMap(def) {
    const map = new Map();
    for (const option of def.options) {
        const values = option._zod.propValues?.[def.discriminator];
        if (!values || values.size === 0)
            throw new Error(`Invalid discriminated union option at index "${def.options.indexOf(option)}"`);
        for (const value of values) {
            if (map.has(value)) {
                if (value !== undefined)
                    throw new Error(`Duplicate discriminator value "${String(value)}"`);
                // keep the collision marked so a later member cannot reclaim it
                map.set(value, null);
            }
            else {
                map.set(value, option);
            }
        }
    }
    return map;
}
const $ZodDiscriminatedUnion = 
/*@__PURE__*/
$constructor("$ZodDiscriminatedUnion", (inst, def) => {
    def.inclusive = false;
    $ZodUnion.init(inst, def);
    const _super = inst._zod.parse;
    defineLazyInternal(inst, "propValues", (zod) => {
        const propValues = {};
        let undefinedCount = 0;
        for (const option of zod.def.options) {
            const pv = option._zod.propValues;
            if (!pv || Object.keys(pv).length === 0)
                throw new Error(`Invalid discriminated union option at index "${zod.def.options.indexOf(option)}"`);
            if (pv[zod.def.discriminator]?.has(undefined))
                undefinedCount++;
            for (const [k, v] of Object.entries(pv)) {
                if (!Object.prototype.hasOwnProperty.call(propValues, k)) {
                    util_assignProp(propValues, k, new Set());
                }
                for (const val of v) {
                    propValues[k].add(val);
                }
            }
        }
        if (!zod.def.unionFallback && undefinedCount > 1)
            propValues[zod.def.discriminator]?.delete(undefined);
        return propValues;
    });
    // Checked now rather than in the lookup map below, so an option that lacks the discriminator fails at the `discriminatedUnion` call instead of on the first object parsed. Options whose shape cannot be enumerated without resolving it — pipes and lazies — are left to the map.
    def.options.forEach((option, i) => {
        const propShape = rawShape(option._zod.def);
        if (propShape && !Object.prototype.hasOwnProperty.call(propShape, def.discriminator)) {
            throw new Error(`Invalid discriminated union option at index "${i}"`);
        }
    });
    const disc = cached(() => discriminatorMap(def));
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!util_isObject(input)) {
            payload.issues.push({
                code: "invalid_type",
                expected: "object",
                input,
                inst,
            });
            return payload;
        }
        const value = input?.[def.discriminator];
        const opt = disc.value.get(value);
        // forward metadata cannot choose an encoder for an absent tag
        if (opt && (value !== undefined || ctx.direction !== "backward")) {
            return opt._zod.run(payload, ctx);
        }
        // Fall back to union matching when the fast discriminator path fails:
        // - explicitly enabled via unionFallback, or
        // - during backward direction (encode), since codec-based discriminators have different values in forward vs backward directions
        if (def.unionFallback || ctx.direction === "backward") {
            return _super(payload, ctx);
        }
        // no matching discriminator
        payload.issues.push({
            code: "invalid_union",
            errors: [],
            note: "No matching discriminator",
            discriminator: def.discriminator,
            options: Array.from(disc.value.keys()).filter((value) => disc.value.get(value) !== null),
            input,
            path: [def.discriminator],
            inst,
        });
        return payload;
    };
});
const $ZodIntersection = /*@__PURE__*/ $constructor("$ZodIntersection", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        const left = def.left._zod.run({ value: input, issues: [] }, ctx);
        const right = def.right._zod.run({ value: input, issues: [] }, ctx);
        const async = left instanceof Promise || right instanceof Promise;
        if (async) {
            return Promise.all([left, right]).then(([left, right]) => {
                return handleIntersectionResults(payload, left, right);
            });
        }
        return handleIntersectionResults(payload, left, right);
    };
});
function mergeValues(a, b) {
    // const aType = parse.t(a);
    // const bType = parse.t(b);
    if (a === b) {
        return { valid: true, data: a };
    }
    if (a instanceof Date && b instanceof Date && +a === +b) {
        return { valid: true, data: a };
    }
    if (isPlainObject(a) && isPlainObject(b)) {
        const bKeys = Object.keys(b);
        const sharedKeys = Object.keys(a).filter((key) => bKeys.indexOf(key) !== -1);
        const newObj = { ...a, ...b };
        if (Object.prototype.hasOwnProperty.call(newObj, "__proto__"))
            delete newObj.__proto__;
        for (const key of sharedKeys) {
            if (key === "__proto__")
                continue;
            const sharedValue = mergeValues(a[key], b[key]);
            if (!sharedValue.valid) {
                return {
                    valid: false,
                    mergeErrorPath: [key, ...sharedValue.mergeErrorPath],
                };
            }
            newObj[key] = sharedValue.data;
        }
        return { valid: true, data: newObj };
    }
    if (Array.isArray(a) && Array.isArray(b)) {
        if (a.length !== b.length) {
            return { valid: false, mergeErrorPath: [] };
        }
        const newArray = [];
        for (let index = 0; index < a.length; index++) {
            const itemA = a[index];
            const itemB = b[index];
            const sharedValue = mergeValues(itemA, itemB);
            if (!sharedValue.valid) {
                return {
                    valid: false,
                    mergeErrorPath: [index, ...sharedValue.mergeErrorPath],
                };
            }
            newArray.push(sharedValue.data);
        }
        return { valid: true, data: newArray };
    }
    return { valid: false, mergeErrorPath: [] };
}
function handleIntersectionResults(result, left, right) {
    // Track which side(s) reject each key. A key rejection is reported only when BOTH sides reject it, so a key owned by one branch survives the other's key schema. strictObject reports these as unrecognized_keys; a record with an open key schema reports one invalid_key per key.
    const unrecKeys = new Map();
    let unrecIssue;
    const keyIssues = new Map();
    const collect = (iss, side) => {
        let keys;
        if (iss.code === "unrecognized_keys" && !iss.path?.length) {
            unrecIssue ?? (unrecIssue = iss);
            keys = iss.keys;
        }
        else if (iss.code === "invalid_key" && iss.origin === "record" && iss.path?.length === 1) {
            const k = String(iss.path[0]);
            if (!keyIssues.has(k))
                keyIssues.set(k, iss);
            keys = [k];
        }
        else {
            return false;
        }
        for (const k of keys) {
            if (!unrecKeys.has(k))
                unrecKeys.set(k, {});
            unrecKeys.get(k)[side] = true;
        }
        return true;
    };
    for (const iss of left.issues) {
        if (!collect(iss, "l"))
            result.issues.push(iss);
    }
    for (const iss of right.issues) {
        if (!collect(iss, "r"))
            result.issues.push(iss);
    }
    // Report only keys rejected by BOTH sides
    const bothKeys = [...unrecKeys].filter(([, f]) => f.l && f.r).map(([k]) => k);
    if (bothKeys.length) {
        const aggregated = unrecIssue ? bothKeys.filter((k) => unrecIssue.keys.includes(k)) : [];
        if (aggregated.length)
            result.issues.push({ ...unrecIssue, keys: aggregated });
        for (const k of bothKeys) {
            if (!aggregated.includes(k) && keyIssues.has(k))
                result.issues.push(keyIssues.get(k));
        }
    }
    const merged = mergeValues(left.value, right.value);
    if (!merged.valid) {
        if (aborted(result))
            return result;
        throw new Error(`Unmergable intersection. Error path: ` + `${JSON.stringify(merged.mergeErrorPath)}`);
    }
    result.value = merged.data;
    return result;
}
const $ZodTuple = /*@__PURE__*/ $constructor("$ZodTuple", (inst, def) => {
    $ZodType.init(inst, def);
    const items = def.items;
    const memo = globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!Array.isArray(input)) {
            payload.issues.push({
                input,
                inst,
                expected: "tuple",
                code: "invalid_type",
            });
            return payload;
        }
        payload.value = memo ? memo.alloc(inst, payload, [], ctx) : [];
        const proms = [];
        const optinStart = getTupleOptStart(items, "optin");
        const optoutStart = getTupleOptStart(items, "optout");
        if (!def.rest) {
            if (input.length < optinStart) {
                payload.issues.push({
                    code: "too_small",
                    minimum: optinStart,
                    inclusive: true,
                    input,
                    inst,
                    origin: "array",
                });
                return payload;
            }
            if (input.length > items.length) {
                payload.issues.push({
                    code: "too_big",
                    maximum: items.length,
                    inclusive: true,
                    input,
                    inst,
                    origin: "array",
                });
            }
        }
        // Run every item in parallel, collecting results into an indexed array. The post-processing in `handleTupleResults` walks them in order so it can decide whether an absent optional-output error can truncate the tail or must be reported to preserve required output.
        const itemResults = new Array(items.length);
        // only tracked when there is a rest loop to skip
        const abortEarly = def.rest ? ctx?.abortEarly : undefined;
        let itemAborted = false;
        for (let i = 0; i < items.length; i++) {
            const r = items[i]._zod.run({ value: input[i], issues: [] }, ctx);
            if (r instanceof Promise) {
                proms.push(r.then((rr) => {
                    itemResults[i] = rr;
                }));
            }
            else {
                itemResults[i] = r;
                if (abortEarly && !itemAborted && r.issues.length)
                    itemAborted = aborted(r);
            }
        }
        // sound because rest is non-empty exactly when every fixed index is present, the one case handleTupleResults cannot discard an item's issues
        if (def.rest && !itemAborted) {
            let i = items.length - 1;
            const rest = input.slice(items.length);
            let seen = payload.issues.length;
            for (const el of rest) {
                if (abortEarly && payload.issues.length !== seen) {
                    if (aborted(payload, seen))
                        break;
                    seen = payload.issues.length;
                }
                i++;
                const result = def.rest._zod.run({ value: el, issues: [] }, ctx);
                if (result instanceof Promise) {
                    proms.push(result.then((r) => handleTupleResult(r, payload, i)));
                }
                else {
                    handleTupleResult(result, payload, i);
                }
            }
        }
        if (proms.length) {
            return Promise.all(proms).then(() => handleTupleResults(itemResults, payload, items, input, optoutStart));
        }
        return handleTupleResults(itemResults, payload, items, input, optoutStart);
    };
});
function getTupleOptStart(items, key) {
    for (let i = items.length - 1; i >= 0; i--) {
        // optin is a three-rung ladder so any rung above `undefined` permits an absent slot; optout stays two-valued.
        const omittable = key === "optin" ? items[i]._zod.optin !== undefined : items[i]._zod.optout === "optional";
        if (!omittable)
            return i + 1;
    }
    return 0;
}
function handleTupleResult(result, final, index) {
    if (result.issues.length) {
        final.issues.push(...prefixIssues(index, result.issues));
    }
    final.value[index] = result.value;
}
function handleTupleResults(itemResults, final, items, input, optoutStart) {
    // Walk results in order. Mirror $ZodObject's swallow-on-absent-optional rule, but only after `optoutStart`: the first index where the output tuple tail can be absent.
    for (let i = 0; i < items.length; i++) {
        const r = itemResults[i];
        const isPresent = i < input.length;
        // The array analog of `handlePropertyResult`'s absent-key early return: the middle rung permits absence without supplying anything in its place, so the tail truncates here instead of materializing whatever the item made of `undefined`.
        if (!isPresent && i >= optoutStart && items[i]._zod.optin === "optional") {
            final.value.length = i;
            break;
        }
        if (r.issues.length) {
            if (!isPresent && i >= optoutStart) {
                final.value.length = i;
                break;
            }
            final.issues.push(...prefixIssues(i, r.issues));
        }
        final.value[i] = r.value;
    }
    // Drop trailing slots that produced `undefined` for absent input
    // (the array analog of an absent optional key on an object). The
    // `i >= input.length` floor is critical: an explicit `undefined`
    // *inside* the input must be preserved even when the schema is
    // optional-out (e.g. `z.string().or(z.undefined())` accepting an
    // explicit undefined value).
    for (let i = final.value.length - 1; i >= input.length; i--) {
        if (items[i]._zod.optout === "optional" && final.value[i] === undefined) {
            final.value.length = i;
        }
        else {
            break;
        }
    }
    return final;
}
const $ZodRecord = /*@__PURE__*/ $constructor("$ZodRecord", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!isPlainObject(input)) {
            payload.issues.push({
                expected: "record",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        // no guard in either loop below: a record's invalid_key aborts but an enclosing intersection can reconcile it, so a stopped loop hides keys the sibling does not own and the intersection then rejects nothing
        const proms = [];
        const values = def.keyType._zod.values;
        if (values && !def.partial) {
            payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
            const recordKeys = new Set();
            for (const key of values) {
                if (typeof key === "string" || typeof key === "number" || typeof key === "symbol") {
                    recordKeys.add(typeof key === "number" ? key.toString() : key);
                    // A declared __proto__ is stripped but is not an unrecognized key.
                    if (key === "__proto__")
                        continue;
                    const keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
                    if (keyResult instanceof Promise) {
                        throw new Error("Async schemas not supported in object keys currently");
                    }
                    if (keyResult.issues.length) {
                        payload.issues.push({
                            code: "invalid_key",
                            origin: "record",
                            issues: keyResult.issues.map((iss) => finalizeIssue(iss, ctx, config())),
                            input: key,
                            path: [key],
                            inst,
                        });
                        continue;
                    }
                    const outKey = keyResult.value;
                    if (outKey === "__proto__")
                        continue;
                    const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
                    if (result instanceof Promise) {
                        proms.push(result.then((result) => {
                            if (result.issues.length) {
                                payload.issues.push(...prefixIssues(key, result.issues));
                            }
                            payload.value[outKey] = result.value;
                        }));
                    }
                    else {
                        if (result.issues.length) {
                            payload.issues.push(...prefixIssues(key, result.issues));
                        }
                        payload.value[outKey] = result.value;
                    }
                }
            }
            let unrecognized;
            for (const key in input) {
                if (!recordKeys.has(key)) {
                    if (def.mode === "loose") {
                        // skip __proto__ so it can't replace the result prototype via the assignment setter on the plain {} we build into
                        if (key === "__proto__")
                            continue;
                        payload.value[key] = input[key];
                    }
                    else {
                        unrecognized = unrecognized ?? [];
                        unrecognized.push(key);
                    }
                }
            }
            if (unrecognized && unrecognized.length > 0) {
                payload.issues.push({
                    code: "unrecognized_keys",
                    input,
                    inst,
                    keys: unrecognized,
                    continue: true,
                });
            }
        }
        else {
            payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
            // An enumerable key schema declares which keys the record owns, so a key outside the set is unrecognized. A non-enumerable one (regex, refine) is a constraint every key must satisfy, so a failing key is invalid. Only the former is reconcilable against the other side of an intersection.
            let unrecognized;
            // Reflect.ownKeys for Symbol-key support; filter non-enumerable to match z.object()
            for (const key of Reflect.ownKeys(input)) {
                if (key === "__proto__")
                    continue;
                if (!Object.prototype.propertyIsEnumerable.call(input, key))
                    continue;
                let keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
                if (keyResult instanceof Promise) {
                    throw new Error("Async schemas not supported in object keys currently");
                }
                // Numeric string fallback: if key is a numeric string and failed, retry with Number(key). This handles z.number(), z.literal([1, 2, 3]), and unions containing numeric literals
                const checkNumericKey = typeof key === "string" && number.test(key) && keyResult.issues.length;
                if (checkNumericKey) {
                    const retryResult = def.keyType._zod.run({ value: Number(key), issues: [] }, ctx);
                    if (retryResult instanceof Promise) {
                        throw new Error("Async schemas not supported in object keys currently");
                    }
                    if (retryResult.issues.length === 0) {
                        keyResult = retryResult;
                    }
                }
                if (keyResult.issues.length) {
                    if (def.mode === "loose") {
                        // Pass through unchanged
                        payload.value[key] = input[key];
                    }
                    else if (values) {
                        unrecognized = unrecognized ?? [];
                        unrecognized.push(key);
                    }
                    else {
                        // Default "strict" behavior: error on invalid key
                        payload.issues.push({
                            code: "invalid_key",
                            origin: "record",
                            issues: keyResult.issues.map((iss) => finalizeIssue(iss, ctx, config())),
                            input: key,
                            path: [key],
                            inst,
                        });
                    }
                    continue;
                }
                // the guard above tests the raw input key, but the key schema can normalize an ordinary key into __proto__; re-check the key we actually write under
                const outKey = keyResult.value;
                if (outKey === "__proto__")
                    continue;
                const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
                if (result instanceof Promise) {
                    proms.push(result.then((result) => {
                        if (result.issues.length) {
                            payload.issues.push(...prefixIssues(key, result.issues));
                        }
                        payload.value[outKey] = result.value;
                    }));
                }
                else {
                    if (result.issues.length) {
                        payload.issues.push(...prefixIssues(key, result.issues));
                    }
                    payload.value[outKey] = result.value;
                }
            }
            if (unrecognized && unrecognized.length > 0) {
                payload.issues.push({
                    code: "unrecognized_keys",
                    input,
                    inst,
                    keys: unrecognized,
                    continue: true,
                });
            }
        }
        if (proms.length) {
            return Promise.all(proms).then(() => payload);
        }
        return payload;
    };
});
const $ZodMap = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodMap", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = core.globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!(input instanceof Map)) {
            payload.issues.push({
                expected: "map",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        const proms = [];
        payload.value = memo ? memo.alloc(inst, payload, new Map(), ctx) : new Map();
        const abortEarly = ctx?.abortEarly;
        let seen = payload.issues.length;
        for (const [key, value] of input) {
            if (abortEarly && payload.issues.length !== seen) {
                if (util.aborted(payload, seen))
                    break;
                seen = payload.issues.length;
            }
            const keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
            const valueResult = def.valueType._zod.run({ value: value, issues: [] }, ctx);
            if (keyResult instanceof Promise || valueResult instanceof Promise) {
                proms.push(Promise.all([keyResult, valueResult]).then(([keyResult, valueResult]) => {
                    handleMapResult(keyResult, valueResult, payload, key, input, inst, ctx);
                }));
            }
            else {
                handleMapResult(keyResult, valueResult, payload, key, input, inst, ctx);
            }
        }
        if (proms.length)
            return Promise.all(proms).then(() => payload);
        return payload;
    };
    capSize(inst, mapSize);
})));
function handleMapResult(keyResult, valueResult, final, key, input, inst, ctx) {
    if (keyResult.issues.length) {
        if (util.propertyKeyTypes.has(typeof key)) {
            final.issues.push(...util.prefixIssues(key, keyResult.issues));
        }
        else {
            final.issues.push({
                code: "invalid_key",
                origin: "map",
                input,
                inst,
                issues: keyResult.issues.map((iss) => util.finalizeIssue(iss, ctx, core.config())),
            });
        }
    }
    if (valueResult.issues.length) {
        if (util.propertyKeyTypes.has(typeof key)) {
            final.issues.push(...util.prefixIssues(key, valueResult.issues));
        }
        else {
            final.issues.push({
                origin: "map",
                code: "invalid_element",
                input,
                inst,
                key: key,
                issues: valueResult.issues.map((iss) => util.finalizeIssue(iss, ctx, core.config())),
            });
        }
    }
    final.value.set(keyResult.value, valueResult.value);
}
const $ZodSet = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodSet", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = core.globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!(input instanceof Set)) {
            payload.issues.push({
                input,
                inst,
                expected: "set",
                code: "invalid_type",
            });
            return payload;
        }
        const proms = [];
        payload.value = memo ? memo.alloc(inst, payload, new Set(), ctx) : new Set();
        const abortEarly = ctx?.abortEarly;
        let seen = payload.issues.length;
        for (const item of input) {
            if (abortEarly && payload.issues.length !== seen) {
                if (util.aborted(payload, seen))
                    break;
                seen = payload.issues.length;
            }
            const result = def.valueType._zod.run({ value: item, issues: [] }, ctx);
            if (result instanceof Promise) {
                proms.push(result.then((result) => handleSetResult(result, payload)));
            }
            else
                handleSetResult(result, payload);
        }
        if (proms.length)
            return Promise.all(proms).then(() => payload);
        return payload;
    };
    capSize(inst, setSize);
})));
function handleSetResult(result, final) {
    if (result.issues.length) {
        final.issues.push(...result.issues);
    }
    final.value.add(result.value);
}
const $ZodEnum = /*@__PURE__*/ $constructor("$ZodEnum", (inst, def) => {
    $ZodType.init(inst, def);
    const values = getEnumValues(def.entries);
    const valuesSet = new Set(values);
    inst._zod.values = valuesSet;
    defineLazyInternal(inst, "pattern", (zod) => {
        const patternValues = getEnumValues(zod.def.entries).filter((k) => propertyKeyTypes.has(typeof k));
        // unmatchable fallback, RE2-safe: an empty alternation would compile to /^()$/, which matches ""
        return new RegExp(patternValues.length ? `^(${patternValues.map((o) => escapeRegex(o.toString())).join("|")})$` : "^[^\\s\\S]$");
    });
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (valuesSet.has(input)) {
            return payload;
        }
        payload.issues.push({
            code: "invalid_value",
            values,
            input,
            inst,
        });
        return payload;
    };
});
const $ZodLiteral = /*@__PURE__*/ $constructor("$ZodLiteral", (inst, def) => {
    $ZodType.init(inst, def);
    const values = new Set(def.values);
    inst._zod.values = values;
    defineLazyInternal(inst, "pattern", (zod) => {
        const vals = zod.def.values;
        // unmatchable fallback, RE2-safe: an empty alternation would compile to /^()$/, which matches ""
        return new RegExp(vals.length
            ? `^(${vals
                .map((o) => typeof o === "string" ? escapeRegex(o) : o ? escapeRegex(o.toString()) : String(o))
                .join("|")})$`
            : "^[^\\s\\S]$");
    });
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (values.has(input)) {
            return payload;
        }
        payload.issues.push({
            code: "invalid_value",
            values: def.values,
            input,
            inst,
        });
        return payload;
    };
});
const $ZodFile = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodFile", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        // @ts-ignore
        if (input instanceof File)
            return payload;
        payload.issues.push({
            expected: "file",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodTransform = /*@__PURE__*/ $constructor("$ZodTransform", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.optin = "optional";
    globalConfig.memoizer?.guard(inst);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            throw new $ZodEncodeError(inst.constructor.name);
        }
        const _out = def.transform(payload.value, payload);
        if (ctx.async) {
            const output = _out instanceof Promise ? _out : Promise.resolve(_out);
            return output.then((output) => {
                payload.value = output;
                return payload;
            });
        }
        if (_out instanceof Promise) {
            throw new $ZodAsyncError();
        }
        payload.value = _out;
        return payload;
    };
});
function handleOptionalResult(payload, result) {
    // A substituting schema that still failed has no usable answer; yield undefined. Its issues are simply dropped: it ran on a payload of its own, so there is no shared array to truncate and nothing of the caller's to lose with it.
    payload.value = result.issues.length ? undefined : result.value;
    return payload;
}
const $ZodOptional = /*@__PURE__*/ $constructor("$ZodOptional", (inst, def) => {
    $ZodType.init(inst, def);
    // .optional() propagates absence rather than substituting for it, so a defaulted inner keeps its rung.
    defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
    inst._zod.optout = "optional";
    defineLazyInternal(inst, "values", (zod) => {
        const values = zod.def.innerType._zod.values;
        return values ? new Set([...values, undefined]) : undefined;
    });
    defineLazyInternal(inst, "pattern", (zod) => {
        const pattern = zod.def.innerType._zod.pattern;
        return pattern ? new RegExp(`^(${cleanRegex(pattern.source)})?$`) : undefined;
    });
    inst._zod.parse = (payload, ctx) => {
        if (payload.value === undefined) {
            // Only the top rung substitutes a value for absence; everything else leaves it intact, which is what .optional() means.
            if (def.innerType._zod.optin !== "defaulted")
                return payload;
            // Its own payload, for the same reason $ZodCatch gets one: a pipe forwards an unrecognized key through the caller's issues array, and this must not read that as the substituting schema failing and drop it.
            const result = def.innerType._zod.run({ value: payload.value, issues: [] }, ctx);
            if (result instanceof Promise)
                return result.then((result) => handleOptionalResult(payload, result));
            return handleOptionalResult(payload, result);
        }
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodExactOptional = /*@__PURE__*/ $constructor("$ZodExactOptional", (inst, def) => {
    // Call parent init - inherits optin/optout = "optional"
    $ZodOptional.init(inst, def);
    // Override values/pattern to NOT add undefined
    defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    defineLazyInternal(inst, "pattern", (zod) => zod.def.innerType._zod.pattern);
    // Override parse to just delegate (no undefined handling)
    inst._zod.parse = (payload, ctx) => {
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodNullable = /*@__PURE__*/ $constructor("$ZodNullable", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin);
    defineLazyInternal(inst, "optout", (zod) => zod.def.innerType._zod.optout);
    defineLazyInternal(inst, "pattern", (zod) => {
        const pattern = zod.def.innerType._zod.pattern;
        return pattern ? new RegExp(`^(${cleanRegex(pattern.source)}|null)$`) : undefined;
    });
    defineLazyInternal(inst, "values", (zod) => {
        return zod.def.innerType._zod.values ? new Set([...zod.def.innerType._zod.values, null]) : undefined;
    });
    inst._zod.parse = (payload, ctx) => {
        // Forward direction (decode): allow null to pass through
        if (payload.value === null)
            return payload;
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodDefault = /*@__PURE__*/ $constructor("$ZodDefault", (inst, def) => {
    $ZodType.init(inst, def);
    // inst._zod.qin = "true";
    inst._zod.optin = "defaulted";
    defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        // Forward direction (decode): apply defaults for undefined input
        if (payload.value === undefined) {
            payload.value = def.defaultValue;
            /**
             * $ZodDefault returns the default value immediately in forward direction.
             * It doesn't pass the default value into the validator ("prefault"). There's no reason to pass the default value through validation. The validity of the default is enforced by TypeScript statically. Otherwise, it's the responsibility of the user to ensure the default is valid. In the case of pipes with divergent in/out types, you can specify the default on the `in` schema of your ZodPipe to set a "prefault" for the pipe.   */
            return payload;
        }
        // Forward direction: continue with default handling
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then((result) => handleDefaultResult(result, def));
        }
        return handleDefaultResult(result, def);
    };
});
function handleDefaultResult(payload, def) {
    if (payload.value === undefined) {
        payload.value = def.defaultValue;
    }
    return payload;
}
const $ZodPrefault = /*@__PURE__*/ $constructor("$ZodPrefault", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.optin = "defaulted";
    defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        // Forward direction (decode): apply prefault for undefined input
        if (payload.value === undefined) {
            payload.value = def.defaultValue;
        }
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodNonOptional = /*@__PURE__*/ $constructor("$ZodNonOptional", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "values", (zod) => {
        const v = zod.def.innerType._zod.values;
        return v ? new Set([...v].filter((x) => x !== undefined)) : undefined;
    });
    inst._zod.parse = (payload, ctx) => {
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then((result) => handleNonOptionalResult(result, inst));
        }
        return handleNonOptionalResult(result, inst);
    };
});
function handleNonOptionalResult(payload, inst) {
    if (!payload.issues.length && payload.value === undefined) {
        payload.issues.push({
            code: "invalid_type",
            expected: "nonoptional",
            input: payload.value,
            inst,
        });
    }
    return payload;
}
const $ZodSuccess = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodSuccess", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            throw new core.$ZodEncodeError("ZodSuccess");
        }
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then((result) => {
                payload.value = result.issues.length === 0;
                return payload;
            });
        }
        payload.value = result.issues.length === 0;
        return payload;
    };
})));
function handleCatchResult(payload, result, def, ctx) {
    if (!result.issues.length) {
        payload.value = result.value;
        // The value carries up, so the flag describing it has to carry with it: a back-edge into a node still being parsed must not be frozen by an enclosing readonly, and its checks belong to the node itself. Guarded so the ordinary case adds no own property.
        if (result.memo)
            payload.memo = true;
        return payload;
    }
    // Spread the inner's own payload, not ours: `value` has to stay the input the catch was handed, and the inner ran on a payload of its own so its issues are already private to this call.
    payload.value = def.catchValue({
        ...result,
        value: payload.value,
        error: {
            issues: result.issues.map((iss) => finalizeIssue(iss, ctx, config())),
        },
        input: payload.value,
    });
    return payload;
}
const $ZodCatch = /*@__PURE__*/ $constructor("$ZodCatch", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
    defineLazyInternal(inst, "optout", (zod) => zod.def.innerType._zod.optout);
    defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        // Forward direction (decode): apply catch logic
        const result = def.innerType._zod.run({ value: payload.value, issues: [] }, ctx);
        if (result instanceof Promise) {
            return result.then((result) => handleCatchResult(payload, result, def, ctx));
        }
        return handleCatchResult(payload, result, def, ctx);
    };
});
const $ZodNaN = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodNaN", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        if (typeof payload.value !== "number" || !Number.isNaN(payload.value)) {
            payload.issues.push({
                input: payload.value,
                inst,
                expected: "nan",
                code: "invalid_type",
            });
            return payload;
        }
        return payload;
    };
})));
const $ZodPipe = /*@__PURE__*/ $constructor("$ZodPipe", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "values", (zod) => zod.def.in._zod.values);
    defineLazyInternal(inst, "optin", (zod) => zod.def.in._zod.optin);
    defineLazyInternal(inst, "optout", (zod) => zod.def.out._zod.optout);
    defineLazyInternal(inst, "propValues", (zod) => zod.def.in._zod.propValues);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            const right = def.out._zod.run(payload, ctx);
            if (right instanceof Promise) {
                return right.then((right) => handlePipeResult(right, def.in, ctx));
            }
            return handlePipeResult(right, def.in, ctx);
        }
        const left = def.in._zod.run(payload, ctx);
        if (left instanceof Promise) {
            return left.then((left) => handlePipeResult(left, def.out, ctx));
        }
        return handlePipeResult(left, def.out, ctx);
    };
});
function handlePipeResult(left, next, ctx) {
    // Any issue stops the pipe, so a failing refinement never feeds its transform. An unrecognized key is the exception: it describes the input's extra properties, not the value being piped, and an enclosing intersection may yet reconcile it.
    if (left.issues.some((iss) => iss.code !== "unrecognized_keys")) {
        // prevent further checks
        left.aborted = true;
        return left;
    }
    return next._zod.run({ value: left.value, issues: left.issues }, ctx);
}
const $ZodCodec = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCodec", (inst, def) => {
    $ZodType.init(inst, def);
    util.defineLazyInternal(inst, "values", (zod) => zod.def.in._zod.values);
    util.defineLazyInternal(inst, "optin", (zod) => zod.def.in._zod.optin);
    util.defineLazyInternal(inst, "optout", (zod) => zod.def.out._zod.optout);
    util.defineLazyInternal(inst, "propValues", (zod) => zod.def.in._zod.propValues);
    inst._zod.parse = (payload, ctx) => {
        const direction = ctx.direction || "forward";
        if (direction === "forward") {
            const left = def.in._zod.run(payload, ctx);
            if (left instanceof Promise) {
                return left.then((left) => handleCodecAResult(left, def, ctx));
            }
            return handleCodecAResult(left, def, ctx);
        }
        else {
            const right = def.out._zod.run(payload, ctx);
            if (right instanceof Promise) {
                return right.then((right) => handleCodecAResult(right, def, ctx));
            }
            return handleCodecAResult(right, def, ctx);
        }
    };
})));
function handleCodecAResult(result, def, ctx) {
    if (result.issues.length) {
        // prevent further checks
        result.aborted = true;
        return result;
    }
    const direction = ctx.direction || "forward";
    if (direction === "forward") {
        const transformed = def.transform(result.value, result);
        if (transformed instanceof Promise) {
            return transformed.then((value) => handleCodecTxResult(result, value, def.out, ctx));
        }
        return handleCodecTxResult(result, transformed, def.out, ctx);
    }
    else {
        const transformed = def.reverseTransform(result.value, result);
        if (transformed instanceof Promise) {
            return transformed.then((value) => handleCodecTxResult(result, value, def.in, ctx));
        }
        return handleCodecTxResult(result, transformed, def.in, ctx);
    }
}
function handleCodecTxResult(left, value, nextSchema, ctx) {
    // Check if transform added any issues
    if (left.issues.length) {
        left.aborted = true;
        return left;
    }
    return nextSchema._zod.run({ value, issues: left.issues }, ctx);
}
const $ZodPreprocess = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodPreprocess", (inst, def) => {
    $ZodPipe.init(inst, def);
})));
const $ZodReadonly = /*@__PURE__*/ $constructor("$ZodReadonly", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "propValues", (zod) => zod.def.innerType._zod.propValues);
    defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    defineLazyInternal(inst, "optin", (zod) => zod.def.innerType?._zod?.optin);
    defineLazyInternal(inst, "optout", (zod) => zod.def.innerType?._zod?.optout);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then(handleReadonlyResult);
        }
        return handleReadonlyResult(result);
    };
});
function handleReadonlyResult(payload) {
    // A repeat visit hands back a node that is still being built; freezing it here would make the rest of its keys fail to assign.
    if (!payload.memo)
        payload.value = Object.freeze(payload.value);
    return payload;
}
// a leaf's pattern source with its own checks folded in: the last pattern-carrying check wins, else length bounds narrow the catch-all, else an integer format narrows the number form. the fold lives here instead of on `_zod.pattern` so a bundle without template literals never pays for it
function leafPattern(schema) {
    const def = schema._zod.def;
    let pattern = def.pattern;
    let isInt = !!def.format?.includes("int");
    let minimum;
    let maximum;
    for (const ch of def.checks ?? []) {
        const d = ch._zod.def;
        if (d.pattern)
            pattern = d.pattern;
        isInt || (isInt = !!d.format?.includes("int"));
        const lo = d.minimum ?? d.length;
        const hi = d.maximum ?? d.length;
        if (lo !== undefined && (minimum === undefined || lo > minimum))
            minimum = lo;
        if (hi !== undefined && (maximum === undefined || hi < maximum))
            maximum = hi;
    }
    if (pattern)
        return pattern.source;
    // an empty range matches nothing at runtime, and `{8,5}` is not a legal quantifier
    if (minimum !== undefined && maximum !== undefined && minimum > maximum)
        return "(?!)";
    if (minimum !== undefined || maximum !== undefined)
        return regexes.string({ minimum, maximum }).source;
    const own = schema._zod.pattern;
    return (isInt && own === regexes.number ? regexes.integer : own)?.source;
}
// a part's pattern source. a wrapper's pattern embeds its inner pattern's source verbatim, so the folded form is substituted in place without knowing the wrapper's own composition; a union's options are joined the way the union builds its own pattern
function partPattern(schema) {
    const def = schema._zod.def;
    const own = schema._zod.pattern?.source;
    // lazy resolves its inner on the internals, not the def
    const inner = def.innerType ?? schema._zod.innerType;
    if (inner) {
        const before = inner._zod.pattern?.source;
        const after = partPattern(inner);
        if (own && before && after && after !== before) {
            return own.replace(util.cleanRegex(before), () => util.cleanRegex(after));
        }
        return own;
    }
    if (def.options) {
        const sources = def.options.map(partPattern);
        if (sources.every(Boolean))
            return `^(${sources.map((s) => util.cleanRegex(s)).join("|")})$`;
    }
    return leafPattern(schema);
}
const $ZodTemplateLiteral = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodTemplateLiteral", (inst, def) => {
    $ZodType.init(inst, def);
    const regexParts = [];
    for (const part of def.parts) {
        if (typeof part === "object" && part !== null) {
            // is Zod schema
            const source = partPattern(part);
            if (!source) {
                throw new Error(`Invalid template literal part, no pattern found: ${[...part._zod.traits].shift()}`);
            }
            regexParts.push(util.cleanRegex(source));
        }
        else if (part === null || util.primitiveTypes.has(typeof part)) {
            regexParts.push(util.escapeRegex(`${part}`));
        }
        else {
            throw new Error(`Invalid template literal part: ${part}`);
        }
    }
    inst._zod.pattern = new RegExp(`^${regexParts.join("")}$`);
    inst._zod.parse = (payload, _ctx) => {
        if (typeof payload.value !== "string") {
            payload.issues.push({
                input: payload.value,
                inst,
                expected: "string",
                code: "invalid_type",
            });
            return payload;
        }
        inst._zod.pattern.lastIndex = 0;
        if (!inst._zod.pattern.test(payload.value)) {
            payload.issues.push({
                input: payload.value,
                inst,
                code: "invalid_format",
                format: def.format ?? "template_literal",
                pattern: inst._zod.pattern.source,
            });
            return payload;
        }
        return payload;
    };
})));
const $ZodFunction = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodFunction", (inst, def) => {
    $ZodType.init(inst, def);
    // Defined, not assigned: the classic prototype exposes `_def` as a getter with no setter.
    Object.defineProperty(inst, "_def", { value: def });
    inst._zod.def = def;
    inst.implement = (func) => {
        if (typeof func !== "function") {
            throw new Error("implement() must be called with a function");
        }
        // Defined inline so the closure stays anonymous: binding it to a `const` first names it, which costs 256 bytes per implemented function.
        return Object.defineProperty(function (...args) {
            const parsedArgs = inst._def.input ? parse(inst._def.input, args) : args;
            const result = Reflect.apply(func, this, parsedArgs);
            if (inst._def.output) {
                return parse(inst._def.output, result);
            }
            return result;
        }, "_zod", { value: inst._zod, enumerable: false });
    };
    inst.implementAsync = (func) => {
        if (typeof func !== "function") {
            throw new Error("implementAsync() must be called with a function");
        }
        return Object.defineProperty(async function (...args) {
            const parsedArgs = inst._def.input ? await parseAsync(inst._def.input, args) : args;
            const result = await Reflect.apply(func, this, parsedArgs);
            if (inst._def.output) {
                return await parseAsync(inst._def.output, result);
            }
            return result;
        }, "_zod", { value: inst._zod, enumerable: false });
    };
    inst._zod.parse = (payload, _ctx) => {
        if (typeof payload.value !== "function") {
            payload.issues.push({
                code: "invalid_type",
                expected: "function",
                input: payload.value,
                inst,
            });
            return payload;
        }
        // Check if output is a promise type to determine if we should use async implementation
        const hasPromiseOutput = inst._def.output && inst._def.output._zod.def.type === "promise";
        if (hasPromiseOutput) {
            payload.value = inst.implementAsync(payload.value);
        }
        else {
            payload.value = inst.implement(payload.value);
        }
        return payload;
    };
    inst.input = (...args) => {
        const F = inst.constructor;
        if (Array.isArray(args[0])) {
            return new F({
                type: "function",
                input: new $ZodTuple({
                    type: "tuple",
                    items: args[0],
                    rest: args[1],
                }),
                output: inst._def.output,
            });
        }
        return new F({
            type: "function",
            input: args[0],
            output: inst._def.output,
        });
    };
    inst.output = (output) => {
        const F = inst.constructor;
        return new F({
            type: "function",
            input: inst._def.input,
            output,
        });
    };
    return inst;
})));
const $ZodPromise = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodPromise", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, ctx) => {
        return Promise.resolve(payload.value).then((inner) => def.innerType._zod.run({ value: inner, issues: [] }, ctx));
    };
})));
const $ZodLazy = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodLazy", (inst, def) => {
    $ZodType.init(inst, def);
    // Cache the resolved inner type on the shared `def` so all clones of this lazy (e.g. via `.describe()`/`.meta()`) share the same inner instance, preserving identity for cycle detection on recursive schemas.
    util.defineLazy(inst._zod, "innerType", () => {
        const d = def;
        if (!d._cachedInner)
            d._cachedInner = def.getter();
        return d._cachedInner;
    });
    util.defineLazyInternal(inst, "pattern", (zod) => zod.innerType?._zod?.pattern);
    util.defineLazyInternal(inst, "propValues", (zod) => zod.innerType?._zod?.propValues);
    util.defineLazyInternal(inst, "optin", (zod) => zod.innerType?._zod?.optin ?? undefined);
    util.defineLazyInternal(inst, "optout", (zod) => zod.innerType?._zod?.optout ?? undefined);
    inst._zod.parse = (payload, ctx) => {
        const inner = inst._zod.innerType;
        return inner._zod.run(payload, ctx);
    };
})));
const $ZodCustom = /*@__PURE__*/ $constructor("$ZodCustom", (inst, def) => {
    $ZodCheck.init(inst, def);
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _) => {
        return payload;
    };
    inst._zod.check = (payload) => {
        const input = payload.value;
        const r = def.fn(input);
        if (r instanceof Promise) {
            return r.then((r) => handleRefineResult(r, payload, input, inst));
        }
        handleRefineResult(r, payload, input, inst);
        return;
    };
});
function handleRefineResult(result, payload, input, inst) {
    if (!result) {
        const _iss = {
            code: "custom",
            input,
            inst, // incorporates params.error into issue reporting
            path: [...(inst._zod.def.path ?? [])], // incorporates params.error into issue reporting
            continue: !inst._zod.def.abort,
            // params: inst._zod.def.params,
        };
        if (inst._zod.def.params)
            _iss.params = inst._zod.def.params;
        payload.issues.push(util_issue(_iss));
    }
}

;// CONCATENATED MODULE: ../main/node_modules/zod/v4/core/registries.js
var registries_a;
const $output = /*@__PURE__*/ (/* unused pure expression or super */ null && (Symbol("ZodOutput")));
const $input = /*@__PURE__*/ (/* unused pure expression or super */ null && (Symbol("ZodInput")));
class $ZodRegistry {
    constructor() {
        this._map = new WeakMap();
        this._idmap = new Map();
    }
    add(schema, ..._meta) {
        const meta = _meta[0];
        this._map.set(schema, meta);
        if (meta && typeof meta === "object" && "id" in meta) {
            this._idmap.set(meta.id, schema);
        }
        return this;
    }
    clear() {
        this._map = new WeakMap();
        this._idmap = new Map();
        return this;
    }
    remove(schema) {
        const meta = this._map.get(schema);
        if (meta && typeof meta === "object" && "id" in meta) {
            this._idmap.delete(meta.id);
        }
        this._map.delete(schema);
        return this;
    }
    get(schema) {
        // return this._map.get(schema) as any;
        // inherit metadata
        const p = schema._zod.parent;
        if (p) {
            const pm = { ...(this.get(p) ?? {}) };
            delete pm.id; // do not inherit id
            const f = { ...pm, ...this._map.get(schema) };
            return Object.keys(f).length ? f : undefined;
        }
        return this._map.get(schema);
    }
    has(schema) {
        return this._map.has(schema);
    }
}
// registries
function registry() {
    return new $ZodRegistry();
}
(registries_a = globalThis).__zod_globalRegistry ?? (registries_a.__zod_globalRegistry = registry());
const globalRegistry = globalThis.__zod_globalRegistry;

;// CONCATENATED MODULE: ../main/node_modules/zod/v4/core/api.js




function snapshotChecks(def) {
    if (def.checks)
        def.checks = [...def.checks];
    return def;
}
// @__NO_SIDE_EFFECTS__
function _string(Class, params) {
    return new Class(snapshotChecks({ type: "string", ...normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _coercedString(Class, params) {
    return new Class(snapshotChecks({ type: "string", coerce: true, ...util.normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _email(Class, params) {
    return new Class({
        type: "string",
        format: "email",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _guid(Class, params) {
    return new Class({
        type: "string",
        format: "guid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuid(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuidv4(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        version: "v4",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuidv6(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        version: "v6",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuidv7(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        version: "v7",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _url(Class, params) {
    return new Class({
        type: "string",
        format: "url",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function api_emoji(Class, params) {
    return new Class({
        type: "string",
        format: "emoji",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _nanoid(Class, params) {
    return new Class({
        type: "string",
        format: "nanoid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link _cuid2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
// @__NO_SIDE_EFFECTS__
function _cuid(Class, params) {
    return new Class({
        type: "string",
        format: "cuid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _cuid2(Class, params) {
    return new Class({
        type: "string",
        format: "cuid2",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ulid(Class, params) {
    return new Class({
        type: "string",
        format: "ulid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _xid(Class, params) {
    return new Class({
        type: "string",
        format: "xid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ksuid(Class, params) {
    return new Class({
        type: "string",
        format: "ksuid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ipv4(Class, params) {
    return new Class({
        type: "string",
        format: "ipv4",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ipv6(Class, params) {
    return new Class({
        type: "string",
        format: "ipv6",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _mac(Class, params) {
    return new Class({
        type: "string",
        format: "mac",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _cidrv4(Class, params) {
    return new Class({
        type: "string",
        format: "cidrv4",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _cidrv6(Class, params) {
    return new Class({
        type: "string",
        format: "cidrv6",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _base64(Class, params) {
    return new Class({
        type: "string",
        format: "base64",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _base64url(Class, params) {
    return new Class({
        type: "string",
        format: "base64url",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _e164(Class, params) {
    return new Class({
        type: "string",
        format: "e164",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _creditCard(Class, params) {
    return new Class({
        type: "string",
        format: "credit_card",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _iban(Class, params) {
    return new Class({
        type: "string",
        format: "iban",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _jwt(Class, params) {
    return new Class({
        type: "string",
        format: "jwt",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
const TimePrecision = {
    Any: null,
    Minute: -1,
    Second: 0,
    Millisecond: 3,
    Microsecond: 6,
};
// @__NO_SIDE_EFFECTS__
function _isoDateTime(Class, params) {
    return new Class({
        type: "string",
        format: "datetime",
        check: "string_format",
        offset: false,
        local: false,
        precision: null,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _isoDate(Class, params) {
    return new Class({
        type: "string",
        format: "date",
        check: "string_format",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _isoTime(Class, params) {
    return new Class({
        type: "string",
        format: "time",
        check: "string_format",
        precision: null,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _isoDuration(Class, params) {
    return new Class({
        type: "string",
        format: "duration",
        check: "string_format",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _number(Class, params) {
    return new Class(snapshotChecks({ type: "number", checks: [], ...normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _coercedNumber(Class, params) {
    return new Class(snapshotChecks({ type: "number", coerce: true, checks: [], ...util.normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _int(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "safeint",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _float32(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "float32",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _float64(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "float64",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _int32(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "int32",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uint32(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "uint32",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _boolean(Class, params) {
    return new Class({
        type: "boolean",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _coercedBoolean(Class, params) {
    return new Class({
        type: "boolean",
        coerce: true,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _bigint(Class, params) {
    return new Class({
        type: "bigint",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _coercedBigint(Class, params) {
    return new Class({
        type: "bigint",
        coerce: true,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _int64(Class, params) {
    return new Class({
        type: "bigint",
        check: "bigint_format",
        abort: false,
        format: "int64",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uint64(Class, params) {
    return new Class({
        type: "bigint",
        check: "bigint_format",
        abort: false,
        format: "uint64",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _symbol(Class, params) {
    return new Class({
        type: "symbol",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function api_undefined(Class, params) {
    return new Class({
        type: "undefined",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function api_null(Class, params) {
    return new Class({
        type: "null",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _any(Class) {
    return new Class({
        type: "any",
    });
}
// @__NO_SIDE_EFFECTS__
function _unknown(Class) {
    return new Class({
        type: "unknown",
    });
}
// @__NO_SIDE_EFFECTS__
function _never(Class, params) {
    return new Class({
        type: "never",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _void(Class, params) {
    return new Class({
        type: "void",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _date(Class, params) {
    return new Class({
        type: "date",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _coercedDate(Class, params) {
    return new Class({
        type: "date",
        coerce: true,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _nan(Class, params) {
    return new Class({
        type: "nan",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _lt(value, params) {
    return new $ZodCheckLessThan({
        check: "less_than",
        ...normalizeParams(params),
        value,
        inclusive: false,
    });
}
// @__NO_SIDE_EFFECTS__
function _lte(value, params) {
    return new $ZodCheckLessThan({
        check: "less_than",
        ...normalizeParams(params),
        value,
        inclusive: true,
    });
}

// @__NO_SIDE_EFFECTS__
function _gt(value, params) {
    return new $ZodCheckGreaterThan({
        check: "greater_than",
        ...normalizeParams(params),
        value,
        inclusive: false,
    });
}
// @__NO_SIDE_EFFECTS__
function _gte(value, params) {
    return new $ZodCheckGreaterThan({
        check: "greater_than",
        ...normalizeParams(params),
        value,
        inclusive: true,
    });
}

// @__NO_SIDE_EFFECTS__
function _positive(params) {
    return _gt(0, params);
}
// negative
// @__NO_SIDE_EFFECTS__
function _negative(params) {
    return _lt(0, params);
}
// nonpositive
// @__NO_SIDE_EFFECTS__
function _nonpositive(params) {
    return _lte(0, params);
}
// nonnegative
// @__NO_SIDE_EFFECTS__
function _nonnegative(params) {
    return _gte(0, params);
}
// @__NO_SIDE_EFFECTS__
function _multipleOf(value, params) {
    return new $ZodCheckMultipleOf({
        check: "multiple_of",
        ...normalizeParams(params),
        value,
    });
}
// @__NO_SIDE_EFFECTS__
function _maxSize(maximum, params) {
    return new checks.$ZodCheckMaxSize({
        check: "max_size",
        ...util.normalizeParams(params),
        maximum,
    });
}
// @__NO_SIDE_EFFECTS__
function _minSize(minimum, params) {
    return new checks.$ZodCheckMinSize({
        check: "min_size",
        ...util.normalizeParams(params),
        minimum,
    });
}
// @__NO_SIDE_EFFECTS__
function _size(size, params) {
    return new checks.$ZodCheckSizeEquals({
        check: "size_equals",
        ...util.normalizeParams(params),
        size,
    });
}
// @__NO_SIDE_EFFECTS__
function _maxLength(maximum, params) {
    const ch = new $ZodCheckMaxLength({
        check: "max_length",
        ...normalizeParams(params),
        maximum,
    });
    return ch;
}
// @__NO_SIDE_EFFECTS__
function _minLength(minimum, params) {
    return new $ZodCheckMinLength({
        check: "min_length",
        ...normalizeParams(params),
        minimum,
    });
}
// @__NO_SIDE_EFFECTS__
function _length(length, params) {
    return new $ZodCheckLengthEquals({
        check: "length_equals",
        ...normalizeParams(params),
        length,
    });
}
// @__NO_SIDE_EFFECTS__
function _regex(pattern, params) {
    return new $ZodCheckRegex({
        check: "string_format",
        format: "regex",
        ...normalizeParams(params),
        pattern,
    });
}
// @__NO_SIDE_EFFECTS__
function _lowercase(params) {
    return new $ZodCheckLowerCase({
        check: "string_format",
        format: "lowercase",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uppercase(params) {
    return new $ZodCheckUpperCase({
        check: "string_format",
        format: "uppercase",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _includes(includes, params) {
    return new $ZodCheckIncludes({
        check: "string_format",
        format: "includes",
        ...normalizeParams(params),
        includes,
    });
}
// @__NO_SIDE_EFFECTS__
function _startsWith(prefix, params) {
    return new $ZodCheckStartsWith({
        check: "string_format",
        format: "starts_with",
        ...normalizeParams(params),
        prefix,
    });
}
// @__NO_SIDE_EFFECTS__
function _endsWith(suffix, params) {
    return new $ZodCheckEndsWith({
        check: "string_format",
        format: "ends_with",
        ...normalizeParams(params),
        suffix,
    });
}
// @__NO_SIDE_EFFECTS__
function _property(property, schema, params) {
    return new checks.$ZodCheckProperty({
        check: "property",
        property,
        schema,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _properties(shape, params) {
    return new $ZodCheckProperties({
        check: "properties",
        shape,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _mime(types, params) {
    return new checks.$ZodCheckMimeType({
        check: "mime_type",
        mime: types,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _overwrite(tx) {
    return new $ZodCheckOverwrite({
        check: "overwrite",
        tx,
    });
}
// normalize
// @__NO_SIDE_EFFECTS__
function _normalize(form) {
    return _overwrite((input) => input.normalize(form));
}
// trim
// @__NO_SIDE_EFFECTS__
function _trim() {
    return _overwrite((input) => input.trim());
}
// toLowerCase
// @__NO_SIDE_EFFECTS__
function _toLowerCase() {
    return _overwrite((input) => input.toLowerCase());
}
// toUpperCase
// @__NO_SIDE_EFFECTS__
function _toUpperCase() {
    return _overwrite((input) => input.toUpperCase());
}
// slugify
// @__NO_SIDE_EFFECTS__
function _slugify() {
    return _overwrite((input) => slugify(input));
}
// @__NO_SIDE_EFFECTS__
function _array(Class, element, params) {
    return new Class({
        type: "array",
        element,
        // get element() {
        //   return element;
        // },
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _union(Class, options, params) {
    return new Class({
        type: "union",
        options,
        ...util.normalizeParams(params),
    });
}
function _xor(Class, options, params) {
    return new Class({
        type: "union",
        options,
        inclusive: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _discriminatedUnion(Class, discriminator, options, params) {
    return new Class({
        type: "union",
        options: options,
        discriminator,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _intersection(Class, left, right) {
    return new Class({
        type: "intersection",
        left,
        right,
    });
}
// export function _tuple(
//   Class: util.SchemaClass<schemas.$ZodTuple>,
//   items: [],
//   params?: string | $ZodTupleParams
// ): schemas.$ZodTuple<[], null>;
// @__NO_SIDE_EFFECTS__
function _tuple(Class, items, _paramsOrRest, _params) {
    const hasRest = _paramsOrRest instanceof schemas.$ZodType;
    const params = hasRest ? _params : _paramsOrRest;
    const rest = hasRest ? _paramsOrRest : null;
    return new Class({
        type: "tuple",
        items,
        rest,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _record(Class, keyType, valueType, params) {
    return new Class({
        type: "record",
        keyType,
        valueType,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _map(Class, keyType, valueType, params) {
    return new Class({
        type: "map",
        keyType,
        valueType,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _set(Class, valueType, params) {
    return new Class({
        type: "set",
        valueType,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _enum(Class, values, params) {
    const entries = Array.isArray(values) ? Object.fromEntries(values.map((v) => [v, v])) : values;
    // if (Array.isArray(values)) {
    //   for (const value of values) {
    //     entries[value] = value;
    //   }
    // } else {
    //   Object.assign(entries, values);
    // }
    // const entries: util.EnumLike = {};
    // for (const val of values) {
    //   entries[val] = val;
    // }
    return new Class({
        type: "enum",
        entries,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
/** @deprecated This API has been merged into `z.enum()`. Use `z.enum()` instead.
 *
 * ```ts
 * enum Colors { red, green, blue }
 * z.enum(Colors);
 * ```
 */
function _nativeEnum(Class, entries, params) {
    return new Class({
        type: "enum",
        entries,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _literal(Class, value, params) {
    return new Class({
        type: "literal",
        values: Array.isArray(value) ? value : [value],
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _file(Class, params) {
    return new Class({
        type: "file",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _transform(Class, fn) {
    return new Class({
        type: "transform",
        transform: fn,
    });
}
// @__NO_SIDE_EFFECTS__
function _optional(Class, innerType) {
    return new Class({
        type: "optional",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _nullable(Class, innerType) {
    return new Class({
        type: "nullable",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _default(Class, innerType, defaultValue) {
    return new Class({
        type: "default",
        innerType,
        get defaultValue() {
            return typeof defaultValue === "function" ? defaultValue() : util.shallowClone(defaultValue);
        },
    });
}
// @__NO_SIDE_EFFECTS__
function _nonoptional(Class, innerType, params) {
    return new Class({
        type: "nonoptional",
        innerType,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _success(Class, innerType) {
    return new Class({
        type: "success",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _catch(Class, innerType, catchValue) {
    return new Class({
        type: "catch",
        innerType,
        catchValue: (typeof catchValue === "function" ? catchValue : util.constantCatch(catchValue)),
    });
}
// @__NO_SIDE_EFFECTS__
function _pipe(Class, in_, out) {
    return new Class({
        type: "pipe",
        in: in_,
        out,
    });
}
// @__NO_SIDE_EFFECTS__
function _readonly(Class, innerType) {
    return new Class({
        type: "readonly",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _templateLiteral(Class, parts, params) {
    return new Class({
        type: "template_literal",
        parts,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _lazy(Class, getter) {
    return new Class({
        type: "lazy",
        getter,
    });
}
// @__NO_SIDE_EFFECTS__
function _promise(Class, innerType) {
    return new Class({
        type: "promise",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _custom(Class, fn, _params) {
    const norm = util.normalizeParams(_params);
    norm.abort ?? (norm.abort = true); // default to abort:false
    const schema = new Class({
        type: "custom",
        check: "custom",
        fn: fn,
        ...norm,
    });
    return schema;
}
// same as _custom but defaults to abort:false
// @__NO_SIDE_EFFECTS__
function _refine(Class, fn, _params) {
    const schema = new Class({
        type: "custom",
        check: "custom",
        fn: fn,
        ...normalizeParams(_params),
    });
    return schema;
}
// @__NO_SIDE_EFFECTS__
function _superRefine(fn, params) {
    const ch = _check((payload) => {
        payload.addIssue = (issue) => {
            if (typeof issue === "string") {
                payload.issues.push(util_issue(issue, payload.value, ch._zod.def));
            }
            else {
                // for Zod 3 backwards compatibility
                const _issue = issue;
                if (_issue.fatal)
                    _issue.continue = false;
                _issue.code ?? (_issue.code = "custom");
                if (!("input" in _issue))
                    _issue.input = payload.value;
                _issue.inst ?? (_issue.inst = ch);
                _issue.continue ?? (_issue.continue = !ch._zod.def.abort); // abort is always undefined, so this is always true...
                payload.issues.push(util_issue(_issue));
            }
        };
        return fn(payload.value, payload);
    }, params);
    return ch;
}
// @__NO_SIDE_EFFECTS__
function _check(fn, params) {
    const ch = new $ZodCheck({
        check: "custom",
        ...normalizeParams(params),
    });
    ch._zod.check = fn;
    return ch;
}
// @__NO_SIDE_EFFECTS__
function describe(description) {
    const ch = new $ZodCheck({ check: "describe" });
    ch._zod.onattach = [
        (inst) => {
            const existing = globalRegistry.get(inst) ?? {};
            globalRegistry.add(inst, { ...existing, description });
        },
    ];
    ch._zod.check = () => { }; // no-op check
    return ch;
}
// @__NO_SIDE_EFFECTS__
function meta(metadata) {
    const ch = new $ZodCheck({ check: "meta" });
    ch._zod.onattach = [
        (inst) => {
            const existing = globalRegistry.get(inst) ?? {};
            globalRegistry.add(inst, { ...existing, ...metadata });
        },
    ];
    ch._zod.check = () => { }; // no-op check
    return ch;
}
// @__NO_SIDE_EFFECTS__
function _stringbool(Classes, _params) {
    const params = util.normalizeParams(_params);
    let truthyArray = params.truthy ?? ["true", "1", "yes", "on", "y", "enabled"];
    let falsyArray = params.falsy ?? ["false", "0", "no", "off", "n", "disabled"];
    if (params.case !== "sensitive") {
        truthyArray = truthyArray.map((v) => (typeof v === "string" ? v.toLowerCase() : v));
        falsyArray = falsyArray.map((v) => (typeof v === "string" ? v.toLowerCase() : v));
    }
    const truthySet = new Set(truthyArray);
    const falsySet = new Set(falsyArray);
    const _Codec = Classes.Codec ?? schemas.$ZodCodec;
    const _Boolean = Classes.Boolean ?? schemas.$ZodBoolean;
    const _String = Classes.String ?? schemas.$ZodString;
    const stringSchema = new _String({ type: "string", error: params.error });
    const booleanSchema = new _Boolean({ type: "boolean", error: params.error });
    const codec = new _Codec({
        type: "pipe",
        in: stringSchema,
        out: booleanSchema,
        transform: ((input, payload) => {
            let data = input;
            if (params.case !== "sensitive")
                data = data.toLowerCase();
            if (truthySet.has(data)) {
                return true;
            }
            else if (falsySet.has(data)) {
                return false;
            }
            else {
                payload.issues.push({
                    code: "invalid_value",
                    expected: "stringbool",
                    values: [...truthySet, ...falsySet],
                    input: payload.value,
                    inst: codec,
                    continue: false,
                });
                return {};
            }
        }),
        reverseTransform: ((input, _payload) => {
            if (input === true) {
                return truthyArray[0] || "true";
            }
            else {
                return falsyArray[0] || "false";
            }
        }),
        error: params.error,
    });
    codec._zod.bag.truthy = truthyArray;
    codec._zod.bag.falsy = falsyArray;
    codec._zod.bag.case = params.case ?? "insensitive";
    return codec;
}
// @__NO_SIDE_EFFECTS__
function _stringFormat(Class, format, fnOrRegex, _params = {}) {
    const params = util.normalizeParams(_params);
    const def = {
        check: "string_format",
        type: "string",
        format,
        fn: typeof fnOrRegex === "function" ? fnOrRegex : (val) => fnOrRegex.test(val),
        ...params,
    };
    if (fnOrRegex instanceof RegExp) {
        def.pattern = fnOrRegex;
    }
    const inst = new Class(def);
    return inst;
}

;// CONCATENATED MODULE: ../main/node_modules/zod/v4/core/to-json-schema.js


function assignProps(target, ...sources) {
    for (const source of sources) {
        for (const key of Reflect.ownKeys(source)) {
            if (Object.prototype.propertyIsEnumerable.call(source, key)) {
                util_assignProp(target, key, source[key]);
            }
        }
    }
    return target;
}
// function initializeContext<T extends schemas.$ZodType>(inputs: JSONSchemaGeneratorParams<T>): ToJSONSchemaContext<T> {
//   return {
//     processor: inputs.processor,
//     metadataRegistry: inputs.metadata ?? globalRegistry,
//     target: inputs.target ?? "draft-2020-12",
//     unrepresentable: inputs.unrepresentable ?? "throw",
//   };
// }
function to_json_schema_initializeContext(params) {
    // Normalize target: convert old non-hyphenated versions to hyphenated versions
    let target = params?.target ?? "draft-2020-12";
    if (target === "draft-4")
        target = "draft-04";
    if (target === "draft-7")
        target = "draft-07";
    return {
        processors: params.processors ?? {},
        metadataRegistry: params?.metadata ?? globalRegistry,
        target,
        unrepresentable: params?.unrepresentable ?? "throw",
        override: params?.override ?? (() => { }),
        io: params?.io ?? "output",
        counter: 0,
        seen: new Map(),
        sharedDefsExtractedFor: undefined,
        sharedEmitDoneFor: undefined,
        cycles: params?.cycles ?? "ref",
        reused: params?.reused ?? "inline",
        intersections: [],
        deferred: [],
        external: params?.external ?? undefined,
    };
}
/**
 * Applies the `unrepresentable` setting at a site that has no JSON Schema equivalent. Throws
 * `message` unless the setting (or the handler's return value) says otherwise. Returns `true` if a
 * custom JSON Schema was written into `json`, in which case the caller must not write its own.
 */
function handleUnrepresentable(schema, ctx, json, params, message) {
    const result = typeof ctx.unrepresentable === "function"
        ? ctx.unrepresentable({ zodSchema: schema, path: params.path, message })
        : ctx.unrepresentable;
    if (result === "any")
        return false;
    if (result === undefined || result === "throw")
        throw new Error(message);
    Object.assign(json, result);
    return true;
}
// never rename this back to `process`: bundler polyfills inject a top-level `const process` that a lexical declaration of the same name collides with (#6397)
function to_json_schema_processSchema(schema, ctx, _params = { path: [], schemaPath: [] }) {
    var _a;
    const def = schema._zod.def;
    // check for schema in seens
    const seen = ctx.seen.get(schema);
    if (seen) {
        seen.count++;
        // check if cycle
        const isCycle = _params.schemaPath.includes(schema);
        if (isCycle) {
            seen.cycle = _params.path;
        }
        return seen.schema;
    }
    // initialize
    const result = { schema: {}, count: 1, cycle: undefined, path: _params.path };
    ctx.seen.set(schema, result);
    ctx.sharedDefsExtractedFor = undefined;
    ctx.sharedEmitDoneFor = undefined;
    // custom method overrides default behavior
    const overrideSchema = schema._zod.toJSONSchema?.();
    if (overrideSchema) {
        result.schema = overrideSchema;
    }
    else {
        const params = {
            ..._params,
            schemaPath: [..._params.schemaPath, schema],
            path: _params.path,
        };
        if (schema._zod.processJSONSchema) {
            schema._zod.processJSONSchema(ctx, result.schema, params);
        }
        else {
            const _json = result.schema;
            const processor = ctx.processors[def.type];
            if (!processor) {
                throw new Error(`[toJSONSchema]: Non-representable type encountered: ${def.type}`);
            }
            processor(schema, ctx, _json, params);
        }
        const parent = schema._zod.parent;
        if (parent) {
            // Also set ref if processor didn't (for inheritance)
            if (!result.ref)
                result.ref = parent;
            to_json_schema_processSchema(parent, ctx, params);
            ctx.seen.get(parent).isParent = true;
        }
    }
    // metadata
    const meta = ctx.metadataRegistry.get(schema);
    if (meta)
        assignProps(result.schema, meta);
    if (ctx.io === "input" && isTransforming(schema)) {
        // examples/defaults only apply to output type of pipe
        delete result.schema.examples;
        delete result.schema.default;
    }
    // set prefault as default
    if (ctx.io === "input" && "_prefault" in result.schema)
        (_a = result.schema).default ?? (_a.default = result.schema._prefault);
    delete result.schema._prefault;
    // pulling fresh from ctx.seen in case it was overwritten
    const _result = ctx.seen.get(schema);
    return _result.schema;
}
/** @deprecated Renamed to `processSchema`. An export alias declares no binding, so it is safe to keep. */

// Escape a reference token for use in a JSON Pointer fragment (RFC 6901): `~` becomes `~0` and `/` becomes `~1`. The `~` replacement must run first.
function encodeJSONPointerSegment(segment) {
    return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}
function to_json_schema_extractDefs(ctx, schema
// params: EmitParams
) {
    // iterate over seen map;
    const root = ctx.seen.get(schema);
    if (!root)
        throw new Error("Unprocessed schema. This is a bug in Zod.");
    // With `external` set, every registered schema resolves through the external branch of `makeURI`, so the root branch below produces the same ref the external branch would — this pass is identical whichever schema it is called with, and only needs to run once.
    if (ctx.external && ctx.sharedDefsExtractedFor === ctx.external)
        return;
    // Track ids to detect duplicates across different schemas
    const idToSchema = new Map();
    for (const entry of ctx.seen.entries()) {
        const id = ctx.metadataRegistry.get(entry[0])?.id;
        if (id) {
            const existing = idToSchema.get(id);
            if (existing && existing !== entry[0]) {
                throw new Error(`Duplicate schema id "${id}" detected during JSON Schema conversion. Two different schemas cannot share the same id when converted together.`);
            }
            idToSchema.set(id, entry[0]);
        }
    }
    // returns a ref to the schema defId will be empty if the ref points to an external schema (or #)
    const makeURI = (entry) => {
        // comparing the seen objects because sometimes multiple schemas map to the same seen object. e.g. lazy
        // external is configured
        const defsSegment = ctx.target === "draft-2020-12" ? "$defs" : "definitions";
        if (ctx.external) {
            const externalId = ctx.external.registry.get(entry[0])?.id; // ?? "__shared";// `__schema${ctx.counter++}`;
            // check if schema is in the external registry
            const uriGenerator = ctx.external.uri ?? ((id) => id);
            if (externalId) {
                return { ref: uriGenerator(externalId) };
            }
            // otherwise, add to __shared
            const id = entry[1].defId ?? entry[1].schema.id ?? `schema${ctx.counter++}`;
            entry[1].defId = id; // set defId so it will be reused if needed
            return { defId: id, ref: `${uriGenerator("__shared")}#/${defsSegment}/${encodeJSONPointerSegment(id)}` };
        }
        const uriPrefix = `#`;
        const defUriPrefix = `${uriPrefix}/${defsSegment}/`;
        // an id-less root has nowhere to be extracted to, so it stays inline and self-references as `#`
        if (entry[1] === root && !entry[1].schema.id) {
            return { ref: uriPrefix };
        }
        // self-contained schema
        const defId = entry[1].schema.id ?? `__schema${ctx.counter++}`;
        return { defId, ref: defUriPrefix + encodeJSONPointerSegment(defId) };
    };
    // stored cached version in `def` property remove all properties, set $ref
    const extractToDef = (entry) => {
        // if the schema is already a reference, do not extract it
        if (entry[1].schema.$ref) {
            return;
        }
        const seen = entry[1];
        const { ref, defId } = makeURI(entry);
        seen.def = { ...seen.schema };
        // defId won't be set if the schema is a reference to an external schema or if the schema is the root schema
        if (defId)
            seen.defId = defId;
        // wipe away all properties except $ref
        const schema = seen.schema;
        for (const key in schema) {
            delete schema[key];
        }
        schema.$ref = ref;
    };
    // throw on cycles
    // break cycles
    if (ctx.cycles === "throw") {
        for (const entry of ctx.seen.entries()) {
            const seen = entry[1];
            if (seen.cycle) {
                throw new Error("Cycle detected: " +
                    `#/${seen.cycle?.join("/")}/<root>` +
                    '\n\nSet the `cycles` parameter to `"ref"` to resolve cyclical schemas with defs.');
            }
        }
    }
    // extract schemas into $defs
    for (const entry of ctx.seen.entries()) {
        const seen = entry[1];
        // convert root schema to # $ref
        if (schema === entry[0]) {
            extractToDef(entry); // this has special handling for the root schema
            continue;
        }
        // extract schemas that are in the external registry
        if (ctx.external) {
            const ext = ctx.external.registry.get(entry[0])?.id;
            if (schema !== entry[0] && ext) {
                extractToDef(entry);
                continue;
            }
        }
        // extract schemas with `id` meta
        const id = ctx.metadataRegistry.get(entry[0])?.id;
        if (id) {
            extractToDef(entry);
            continue;
        }
        // break cycles
        if (seen.cycle) {
            // any
            extractToDef(entry);
            continue;
        }
        // extract reused schemas
        if (seen.count > 1) {
            if (ctx.reused === "ref") {
                extractToDef(entry);
            }
        }
    }
    if (ctx.external)
        ctx.sharedDefsExtractedFor = ctx.external;
}
/** Rewrites `anyOf: [{type: "a"}, {type: "b"}]` to `type: ["a", "b"]`, which every JSON Schema draft treats as equivalent and most consumers render far better for the nullable case. Only branches that are a bare type assertion qualify — anything carrying a constraint, `$ref`, `const` or metadata is left alone. Runs after `flattenRef`, so a branch an override decorated or `$defs` extraction turned into a `$ref` is no longer bare and correctly stays in `anyOf`. `oneOf` is excluded: `integer` and `number` overlap, so "exactly one" and "at least one" are not the same there. OpenAPI 3.0 is excluded: its `type` must be a single string. */
function compactTypeUnion(schema) {
    const options = schema.anyOf;
    if (!Array.isArray(options) || options.length === 0 || schema.type !== undefined)
        return;
    const types = [];
    for (const option of options) {
        if (!option || typeof option !== "object")
            return;
        // A branch that is itself a compactible union folds into this one — nested `anyOf` and a flat `type` array say the same thing. Compacting it first also makes the result independent of the order this pass walks the seen map in.
        compactTypeUnion(option);
        const keys = Object.keys(option);
        if (keys.length !== 1 || keys[0] !== "type")
            return;
        const type = option.type;
        for (const member of Array.isArray(type) ? type : [type]) {
            if (typeof member !== "string")
                return;
            if (!types.includes(member))
                types.push(member);
        }
    }
    delete schema.anyOf;
    // A `type` array must be non-empty and unique (metaschema); a single member is spelled as a bare string.
    schema.type = types.length === 1 ? types[0] : types;
}
/** Keywords `foldIntersection` knows how to combine. Anything else — `$ref`, `patternProperties`,
 * an annotation like `description` — makes a member unfoldable, so a constraint this does not
 * understand leaves the `allOf` alone instead of being silently dropped or misattributed. */
const FOLDABLE_KEYS = new Set(["type", "properties", "required", "additionalProperties"]);
const UNION_KEYS = ["oneOf", "anyOf"];
/** A member's constraint on a key it does not declare itself. A `catchall` states one; `false`, an absent `additionalProperties`, and the empty schema a loose object emits state nothing. */
function undeclaredConstraint(member) {
    const extra = member.additionalProperties;
    if (extra === undefined || extra === false || typeof extra !== "object" || extra === null)
        return null;
    return Object.keys(extra).length ? extra : null;
}
/** Combines object members into the single object they describe together, or returns `null` if any of them carries a keyword outside {@link FOLDABLE_KEYS}. */
function foldObjects(members) {
    const objects = [];
    for (const member of members) {
        // A boolean subschema is legal JSON Schema and carries no keywords to fold.
        if (typeof member !== "object" || member.type !== "object")
            return null;
        for (const key in member) {
            if (!FOLDABLE_KEYS.has(key))
                return null;
        }
        objects.push(member);
    }
    const properties = {};
    const required = new Set();
    for (const object of objects) {
        for (const key in object.properties) {
            // `in` would report a `__proto__` key as already present via the prototype chain and skip it.
            if (Object.prototype.hasOwnProperty.call(properties, key))
                continue;
            // Every member constrains this key: the ones that declare it say how, and a `catchall` member constrains it too even though it does not name it. The key has to satisfy all of them, which is the same intersection one level down.
            const parts = [];
            for (const other of objects) {
                const part = other.properties?.[key] ?? undeclaredConstraint(other);
                if (part === null || part === undefined)
                    continue;
                if (!parts.some((seen) => JSON.stringify(seen) === JSON.stringify(part)))
                    parts.push(part);
            }
            const merged = parts.length === 1
                ? parts[0]
                : (foldObjects(parts) ?? { allOf: parts });
            util_assignProp(properties, key, merged);
        }
        for (const key of object.required ?? [])
            required.add(key);
    }
    const folded = { type: "object", properties };
    if (required.size)
        folded.required = [...required];
    // A key no member declares is rejected only when every member rejects it, so the fold is closed only when every member is. Otherwise it carries whatever the `catchall` members demand of such a key.
    if (objects.every((object) => object.additionalProperties === false)) {
        folded.additionalProperties = false;
    }
    else {
        const constraints = [];
        for (const object of objects) {
            const constraint = undeclaredConstraint(object);
            if (constraint && !constraints.some((seen) => JSON.stringify(seen) === JSON.stringify(constraint)))
                constraints.push(constraint);
        }
        if (constraints.length === 1)
            folded.additionalProperties = constraints[0];
        else if (constraints.length > 1)
            folded.additionalProperties = { allOf: constraints };
    }
    return folded;
}
/** `additionalProperties` in an `allOf` member sees only that member's own `properties`, so two
 * closed object members reject each other's keys and the schema validates nothing. Zod's parser
 * pools the key sets instead — `handleIntersectionResults` reports a key as unrecognized only when
 * *every* side rejects it — so the emitted schema has to pool them too, and folding the members
 * into one object is the encoding that says so on every target.
 *
 * This runs from `finalize`, after `extractDefs`, which is what keeps it clear of the `$ref`
 * machinery: a member extracted into `$defs` is already a `$ref` by now and declines to fold, so it
 * keeps its reference and its own closedness rather than being inlined as a stale copy. */
function foldIntersection(json) {
    const allOf = json.allOf;
    if (!Array.isArray(allOf) || allOf.length < 2)
        return;
    // An `override` runs before this pass and may have written object keywords onto the intersection itself. Those are deliberate, so decline rather than overwrite them.
    for (const key of FOLDABLE_KEYS)
        if (key in json)
            return;
    // An intersection distributes over a union: `A & (X | Y)` is `(A & X) | (A & Y)`. Only the first union is distributed over; a second one stays among the members every branch folds against, where it fails the object check and declines the whole intersection rather than multiplying out.
    const unions = allOf.filter((m) => UNION_KEYS.some((k) => Array.isArray(m[k])));
    let folded = null;
    if (!unions.length) {
        folded = foldObjects(allOf);
    }
    else {
        const union = unions[0];
        const keyword = UNION_KEYS.find((k) => Array.isArray(union[k]));
        if (Object.keys(union).length !== 1)
            return;
        const rest = allOf.filter((m) => m !== union);
        const branches = union[keyword].map((branch) => foldObjects([...rest, branch]));
        if (branches.some((b) => !b))
            return;
        folded = { [keyword]: branches };
    }
    if (!folded)
        return;
    delete json.allOf;
    assignProps(json, folded);
}
function to_json_schema_finalize(ctx, schema) {
    const root = ctx.seen.get(schema);
    if (!root)
        throw new Error("Unprocessed schema. This is a bug in Zod.");
    // flatten refs - inherit properties from parent schemas
    const flattenRef = (zodSchema) => {
        const seen = ctx.seen.get(zodSchema);
        // already processed
        if (seen.ref === null)
            return;
        const schema = seen.def ?? seen.schema;
        const _cached = { ...schema };
        const ref = seen.ref;
        seen.ref = null; // prevent infinite recursion
        if (ref) {
            flattenRef(ref);
            const refSeen = ctx.seen.get(ref);
            const refSchema = refSeen.schema;
            // merge referenced schema into current
            if (refSchema.$ref && (ctx.target === "draft-07" || ctx.target === "draft-04" || ctx.target === "openapi-3.0")) {
                // older drafts can't combine $ref with other properties
                schema.allOf = schema.allOf ?? [];
                schema.allOf.push(refSchema);
            }
            else {
                assignProps(schema, refSchema);
            }
            // restore child's own properties (child wins)
            assignProps(schema, _cached);
            const isParentRef = zodSchema._zod.parent === ref;
            // For parent chain, child is a refinement - remove parent-only properties
            if (isParentRef) {
                for (const key in schema) {
                    if (key === "$ref" || key === "allOf")
                        continue;
                    if (!(key in _cached)) {
                        delete schema[key];
                    }
                }
            }
            // When ref was extracted to $defs, remove properties that match the definition
            if (refSchema.$ref && refSeen.def) {
                for (const key in schema) {
                    if (key === "$ref" || key === "allOf")
                        continue;
                    if (key in refSeen.def && JSON.stringify(schema[key]) === JSON.stringify(refSeen.def[key])) {
                        delete schema[key];
                    }
                }
            }
        }
        // If parent was extracted (has $ref), propagate $ref to this schema. This handles cases like: readonly().meta({id}).describe() where processor sets ref to innerType but parent should be referenced
        const parent = zodSchema._zod.parent;
        if (parent && parent !== ref) {
            // Ensure parent is processed first so its def has inherited properties
            flattenRef(parent);
            const parentSeen = ctx.seen.get(parent);
            if (parentSeen?.schema.$ref) {
                schema.$ref = parentSeen.schema.$ref;
                // De-duplicate with parent's definition
                if (parentSeen.def) {
                    for (const key in schema) {
                        if (key === "$ref" || key === "allOf")
                            continue;
                        if (key in parentSeen.def && JSON.stringify(schema[key]) === JSON.stringify(parentSeen.def[key])) {
                            delete schema[key];
                        }
                    }
                }
            }
        }
        // execute overrides
        ctx.override({
            zodSchema: zodSchema,
            jsonSchema: schema,
            path: seen.path ?? [],
        });
    };
    // Flattening walks the whole map and clears each `ref` as it goes, so a second call over the same map is a no-op scan. Skip it outright once it has run for a registry conversion.
    if (!ctx.external || ctx.sharedEmitDoneFor !== ctx.external) {
        for (const entry of [...ctx.seen.entries()].reverse()) {
            flattenRef(entry[0]);
        }
        if (ctx.target !== "openapi-3.0") {
            for (const entry of ctx.seen.entries()) {
                compactTypeUnion(entry[1].def ?? entry[1].schema);
            }
        }
        for (const rewrite of ctx.deferred)
            rewrite();
        // After flattening, every member that was extracted is a `$ref`, so the fold sees the final shape. A schema that inherits an intersection — through `z.lazy`, or any `ref` chain — holds the same `allOf` array, so fold by array identity to catch every copy.
        if (ctx.intersections.length) {
            const carriers = new Map();
            for (const seen of ctx.seen.values()) {
                for (const json of [seen.schema, seen.def]) {
                    const allOf = json?.allOf;
                    if (!Array.isArray(allOf))
                        continue;
                    const existing = carriers.get(allOf);
                    if (existing)
                        existing.push(json);
                    else
                        carriers.set(allOf, [json]);
                }
            }
            for (const allOf of ctx.intersections) {
                for (const json of carriers.get(allOf) ?? [])
                    foldIntersection(json);
            }
        }
    }
    const result = {};
    if (ctx.target === "draft-2020-12") {
        result.$schema = "https://json-schema.org/draft/2020-12/schema";
    }
    else if (ctx.target === "draft-07") {
        result.$schema = "http://json-schema.org/draft-07/schema#";
    }
    else if (ctx.target === "draft-04") {
        result.$schema = "http://json-schema.org/draft-04/schema#";
    }
    else if (ctx.target === "openapi-3.0") {
        // OpenAPI 3.0 schema objects should not include a $schema property
    }
    else {
        // Arbitrary string values are allowed but won't have a $schema property set
    }
    if (ctx.external?.uri) {
        const id = ctx.external.registry.get(schema)?.id;
        if (!id)
            throw new Error("Schema is missing an `id` property");
        result.$id = ctx.external.uri(id);
    }
    // when the root was extracted into $defs, `root.schema` is the `$ref` wrapper and `root.def` is the body that now lives under $defs
    assignProps(result, root.defId ? root.schema : (root.def ?? root.schema));
    // The `id` in `.meta()` is a Zod-specific registration tag used to extract schemas into $defs — it is not user-facing JSON Schema metadata. Strip it from the output body where it would otherwise leak. The id is preserved implicitly via the $defs key (and via $ref paths).
    const rootMetaId = ctx.metadataRegistry.get(schema)?.id;
    if (rootMetaId !== undefined && result.id === rootMetaId)
        delete result.id;
    // build defs object. With `external`, `defs` is the shared object every schema writes into, so the same entries are reassigned on every call. Without it, `defs` is fresh per call and must be rebuilt.
    const defs = ctx.external?.defs ?? {};
    if (!ctx.external || ctx.sharedEmitDoneFor !== ctx.external) {
        for (const entry of ctx.seen.entries()) {
            const seen = entry[1];
            if (seen.def && seen.defId) {
                if (seen.def.id === seen.defId)
                    delete seen.def.id;
                util_assignProp(defs, seen.defId, seen.def);
            }
        }
    }
    if (ctx.external)
        ctx.sharedEmitDoneFor = ctx.external;
    // set definitions in result
    if (ctx.external) {
    }
    else {
        if (Object.keys(defs).length > 0) {
            if (ctx.target === "draft-2020-12") {
                result.$defs = defs;
            }
            else {
                result.definitions = defs;
            }
        }
    }
    try {
        // this "finalizes" this schema and ensures all cycles are removed each call to finalize() is functionally independent though the seen map is shared
        const finalized = JSON.parse(JSON.stringify(result));
        Object.defineProperty(finalized, "~standard", {
            value: {
                ...schema["~standard"],
                jsonSchema: {
                    input: createStandardJSONSchemaMethod(schema, "input", ctx.processors),
                    output: createStandardJSONSchemaMethod(schema, "output", ctx.processors),
                },
            },
            enumerable: false,
            writable: false,
        });
        return finalized;
    }
    catch (_err) {
        throw new Error("Error converting schema to JSON.");
    }
}
function isTransforming(_schema, _ctx) {
    const ctx = _ctx ?? { seen: new Set() };
    if (ctx.seen.has(_schema))
        return false;
    ctx.seen.add(_schema);
    const def = _schema._zod.def;
    if (def.type === "transform")
        return true;
    if (def.type === "array")
        return isTransforming(def.element, ctx);
    if (def.type === "set")
        return isTransforming(def.valueType, ctx);
    if (def.type === "lazy")
        return isTransforming(def.getter(), ctx);
    if (def.type === "promise" ||
        def.type === "optional" ||
        def.type === "nonoptional" ||
        def.type === "nullable" ||
        def.type === "readonly" ||
        def.type === "default" ||
        def.type === "prefault" ||
        def.type === "catch") {
        return isTransforming(def.innerType, ctx);
    }
    if (def.type === "intersection") {
        return isTransforming(def.left, ctx) || isTransforming(def.right, ctx);
    }
    if (def.type === "record" || def.type === "map") {
        return isTransforming(def.keyType, ctx) || isTransforming(def.valueType, ctx);
    }
    if (def.type === "pipe") {
        if (_schema._zod.traits.has("$ZodCodec"))
            return true;
        return isTransforming(def.in, ctx) || isTransforming(def.out, ctx);
    }
    if (def.type === "object") {
        for (const key in def.shape) {
            if (isTransforming(def.shape[key], ctx))
                return true;
        }
        return false;
    }
    if (def.type === "union") {
        for (const option of def.options) {
            if (isTransforming(option, ctx))
                return true;
        }
        return false;
    }
    if (def.type === "tuple") {
        for (const item of def.items) {
            if (isTransforming(item, ctx))
                return true;
        }
        if (def.rest && isTransforming(def.rest, ctx))
            return true;
        return false;
    }
    return false;
}
/**
 * Creates a toJSONSchema method for a schema instance.
 * This encapsulates the logic of initializing context, processing, extracting defs, and finalizing.
 */
const createToJSONSchemaMethod = (schema, processors = {}) => (params) => {
    const ctx = to_json_schema_initializeContext({ ...params, processors });
    to_json_schema_processSchema(schema, ctx);
    to_json_schema_extractDefs(ctx, schema);
    return to_json_schema_finalize(ctx, schema);
};
const createStandardJSONSchemaMethod = (schema, io, processors = {}) => (params) => {
    const { libraryOptions, target } = params ?? {};
    const ctx = to_json_schema_initializeContext({ ...(libraryOptions ?? {}), target, io, processors });
    to_json_schema_processSchema(schema, ctx);
    to_json_schema_extractDefs(ctx, schema);
    return to_json_schema_finalize(ctx, schema);
};

;// CONCATENATED MODULE: ../main/node_modules/zod/v4/core/json-schema-processors.js




const narrowMin = (agg, key, value) => {
    if (agg[key] === undefined || value > agg[key])
        agg[key] = value;
};
const narrowMax = (agg, key, value) => {
    if (agg[key] === undefined || value < agg[key])
        agg[key] = value;
};
const narrowBoth = (agg, value) => {
    narrowMin(agg, "minimum", value);
    narrowMax(agg, "maximum", value);
};
const addDivisor = (agg, value) => {
    agg.multipleOf ?? (agg.multipleOf = []);
    if (!agg.multipleOf.includes(value))
        agg.multipleOf.push(value);
};
const addPattern = (agg, pattern) => {
    agg.patterns ?? (agg.patterns = new Set());
    agg.patterns.add(pattern);
};
const intersectMime = (agg, mime) => {
    agg.mime = agg.mime ? agg.mime.filter((m) => mime.includes(m)) : [...mime];
};
// last-wins, matching the bag's historical write order; the flag keeps an integer format from being lost to a later float one
const setFormat = (agg, format) => {
    agg.format = format;
    if (format.includes("int"))
        agg.isInt = true;
};
const minContributor = (agg, def) => narrowMin(agg, "minimum", def.minimum);
const maxContributor = (agg, def) => narrowMax(agg, "maximum", def.maximum);
const formatContributor = (ranges) => (agg, def) => {
    setFormat(agg, def.format);
    const [minimum, maximum] = ranges[def.format];
    narrowMin(agg, "minimum", minimum);
    narrowMax(agg, "maximum", maximum);
};
const contributors = {
    greater_than: (agg, def) => narrowMin(agg, def.inclusive ? "minimum" : "exclusiveMinimum", def.value),
    less_than: (agg, def) => narrowMax(agg, def.inclusive ? "maximum" : "exclusiveMaximum", def.value),
    multiple_of: (agg, def) => addDivisor(agg, def.value),
    number_format: formatContributor(NUMBER_FORMAT_RANGES),
    bigint_format: formatContributor(BIGINT_FORMAT_RANGES),
    min_length: minContributor,
    max_length: maxContributor,
    length_equals: (agg, def) => narrowBoth(agg, def.length),
    min_size: minContributor,
    max_size: maxContributor,
    size_equals: (agg, def) => narrowBoth(agg, def.size),
    string_format: (agg, def) => {
        setFormat(agg, def.format);
        if (def.pattern)
            addPattern(agg, def.pattern);
        if (def.format === "base64" || def.format === "base64url")
            agg.contentEncoding = def.format;
        if (def.local || def.precision === -1)
            agg.laxFormat = true;
    },
    mime_type: (agg, def) => intersectMime(agg, def.mime),
};
function aggregateChecks(schema) {
    const agg = {};
    const def = schema._zod.def;
    // a format schema is its own first check, same rule as $ZodType init
    const list = schema._zod.traits.has("$ZodCheck")
        ? [schema, ...(def.checks ?? [])]
        : (def.checks ?? []);
    for (const ch of list)
        contributors[ch._zod.def.check]?.(agg, ch._zod.def);
    // reconcile with the bag so third-party onattach contributions still land; first-party residue is never tighter than the fold, so merging it back is idempotent for one and additive for the other
    const bag = schema._zod.bag;
    if (bag.minimum !== undefined)
        narrowMin(agg, "minimum", bag.minimum);
    if (bag.exclusiveMinimum !== undefined)
        narrowMin(agg, "exclusiveMinimum", bag.exclusiveMinimum);
    if (bag.maximum !== undefined)
        narrowMax(agg, "maximum", bag.maximum);
    if (bag.exclusiveMaximum !== undefined)
        narrowMax(agg, "exclusiveMaximum", bag.exclusiveMaximum);
    if (bag.multipleOf !== undefined)
        addDivisor(agg, bag.multipleOf);
    if (bag.format !== undefined) {
        agg.format ?? (agg.format = bag.format);
        if (bag.format.includes("int"))
            agg.isInt = true;
    }
    if (bag.mime)
        intersectMime(agg, bag.mime);
    for (const pattern of bag.patterns ?? [])
        addPattern(agg, pattern);
    return agg;
}
const formatMap = {
    guid: "uuid",
    url: "uri",
    datetime: "date-time",
    json_string: "json-string",
    regex: "", // do not set
};
// ==================== SIMPLE TYPE PROCESSORS ====================
// the runtime patterns are lax so parse paths never overflow the regex stack; the emitted schema swaps in the exact block forms, which zod itself never executes
const exactPatterns = new Map([
    [base64Charset, base64],
    [base64urlCharset, base64url],
]);
const exactPattern = (p) => exactPatterns.get(p) ?? p;
const stringProcessor = (schema, ctx, _json, _params) => {
    const json = _json;
    json.type = "string";
    const { minimum, maximum, format, patterns, contentEncoding, laxFormat } = aggregateChecks(schema);
    if (typeof minimum === "number")
        json.minLength = minimum;
    if (typeof maximum === "number")
        json.maxLength = maximum;
    // custom pattern overrides format
    if (format) {
        json.format = formatMap[format] ?? format;
        if (json.format === "")
            delete json.format; // empty format is not valid
        // `z.iso.time()` is never full-time, and `laxFormat` carries the datetime shapes that also accept what their keyword forbids
        if (format === "time" || laxFormat) {
            delete json.format;
        }
    }
    if (contentEncoding)
        json.contentEncoding = contentEncoding;
    if (patterns && patterns.size > 0) {
        const patternList = [...patterns].map(exactPattern);
        if (patternList.length === 1)
            json.pattern = patternList[0].source;
        else if (patternList.length > 1) {
            json.allOf = [
                ...patternList.map((regex) => ({
                    ...(ctx.target === "draft-07" || ctx.target === "draft-04" || ctx.target === "openapi-3.0"
                        ? { type: "string" }
                        : {}),
                    pattern: regex.source,
                })),
            ];
        }
    }
};
const numberProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const { minimum, maximum, multipleOf, exclusiveMaximum, exclusiveMinimum, isInt } = aggregateChecks(schema);
    json.type = isInt ? "integer" : "number";
    // when both minimum and exclusiveMinimum exist, pick the more restrictive one
    const exMin = typeof exclusiveMinimum === "number" && exclusiveMinimum >= (minimum ?? Number.NEGATIVE_INFINITY);
    const exMax = typeof exclusiveMaximum === "number" && exclusiveMaximum <= (maximum ?? Number.POSITIVE_INFINITY);
    const legacy = ctx.target === "draft-04" || ctx.target === "openapi-3.0";
    if (exMin) {
        if (legacy) {
            json.minimum = exclusiveMinimum;
            json.exclusiveMinimum = true;
        }
        else {
            json.exclusiveMinimum = exclusiveMinimum;
        }
    }
    else if (typeof minimum === "number") {
        json.minimum = minimum;
    }
    if (exMax) {
        if (legacy) {
            json.maximum = exclusiveMaximum;
            json.exclusiveMaximum = true;
        }
        else {
            json.exclusiveMaximum = exclusiveMaximum;
        }
    }
    else if (typeof maximum === "number") {
        json.maximum = maximum;
    }
    if (multipleOf) {
        // JSON Schema requires a divisor strictly greater than zero, and a non-finite one does not survive JSON at all. A negative divisor accepts exactly what its absolute value accepts, so it still maps; zero, NaN and Infinity have no keyword form.
        const divisors = new Set();
        for (const divisor of multipleOf) {
            if (Number.isFinite(divisor) && divisor !== 0)
                divisors.add(Math.abs(divisor));
            else
                handleUnrepresentable(schema, ctx, json, params, `A multipleOf divisor of ${divisor} cannot be represented in JSON Schema`);
        }
        // chained divisors are a conjunction the keyword cannot carry alone, so extras ride an allOf, same as stacked patterns
        const [first, ...rest] = divisors;
        if (first !== undefined)
            json.multipleOf = first;
        if (rest.length)
            json.allOf = [...(json.allOf ?? []), ...rest.map((m) => ({ multipleOf: m }))];
    }
};
const booleanProcessor = (_schema, _ctx, json, _params) => {
    json.type = "boolean";
};
const bigintProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "BigInt cannot be represented in JSON Schema");
};
const symbolProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Symbols cannot be represented in JSON Schema");
};
const nullProcessor = (_schema, ctx, json, _params) => {
    if (ctx.target === "openapi-3.0") {
        json.type = "string";
        json.nullable = true;
        json.enum = [null];
    }
    else {
        json.type = "null";
    }
};
const undefinedProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Undefined cannot be represented in JSON Schema");
};
const voidProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Void cannot be represented in JSON Schema");
};
const neverProcessor = (_schema, _ctx, json, _params) => {
    json.not = {};
};
const anyProcessor = (_schema, _ctx, _json, _params) => {
    // empty schema accepts anything
};
const unknownProcessor = (_schema, _ctx, _json, _params) => {
    // empty schema accepts anything
};
const dateProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Date cannot be represented in JSON Schema");
};
const enumProcessor = (schema, _ctx, json, _params) => {
    const def = schema._zod.def;
    const values = getEnumValues(def.entries);
    // an empty enum accepts nothing, same as z.never()
    if (values.length === 0) {
        json.not = {};
        return;
    }
    // Number enums can have both string and number values
    if (values.every((v) => typeof v === "number"))
        json.type = "number";
    if (values.every((v) => typeof v === "string"))
        json.type = "string";
    json.enum = values;
};
const literalProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    // a literal with no values accepts nothing, same as z.never()
    if (def.values.length === 0) {
        json.not = {};
        return;
    }
    const vals = [];
    for (const val of def.values) {
        if (val === undefined) {
            // a custom schema replaces the whole literal, so there is nothing left to accumulate
            if (handleUnrepresentable(schema, ctx, json, params, "Literal `undefined` cannot be represented in JSON Schema"))
                return;
            // otherwise do not add to vals
        }
        else if (typeof val === "bigint") {
            if (handleUnrepresentable(schema, ctx, json, params, "BigInt literals cannot be represented in JSON Schema"))
                return;
            vals.push(Number(val));
        }
        else {
            vals.push(val);
        }
    }
    if (vals.length === 0) {
        // do nothing (an undefined literal was stripped)
    }
    else if (vals.length === 1) {
        const val = vals[0];
        json.type = val === null ? "null" : typeof val;
        if (ctx.target === "draft-04" || ctx.target === "openapi-3.0") {
            json.enum = [val];
        }
        else {
            json.const = val;
        }
    }
    else {
        if (vals.every((v) => typeof v === "number"))
            json.type = "number";
        if (vals.every((v) => typeof v === "string"))
            json.type = "string";
        if (vals.every((v) => typeof v === "boolean"))
            json.type = "boolean";
        if (vals.every((v) => v === null))
            json.type = "null";
        json.enum = vals;
    }
};
const nanProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "NaN cannot be represented in JSON Schema");
};
const templateLiteralProcessor = (schema, _ctx, json, _params) => {
    const _json = json;
    const pattern = schema._zod.pattern;
    if (!pattern)
        throw new Error("Pattern not found in template literal");
    _json.type = "string";
    _json.pattern = pattern.source;
};
const fileProcessor = (schema, _ctx, json, _params) => {
    const _json = json;
    _json.type = "string";
    _json.format = "binary";
    _json.contentEncoding = "binary";
    const { minimum, maximum, mime } = aggregateChecks(schema);
    if (minimum !== undefined)
        _json.minLength = minimum;
    if (maximum !== undefined)
        _json.maxLength = maximum;
    if (!mime)
        return;
    // an empty intersection means the mime checks share no value, so nothing passes at runtime; `anyOf` must be non-empty, so the false schema is `not: {}`
    if (mime.length === 0)
        _json.not = {};
    else if (mime.length === 1)
        _json.contentMediaType = mime[0];
    // only contentMediaType differs, so the shared props stay at the root
    else
        _json.anyOf = mime.map((m) => ({ contentMediaType: m }));
};
const successProcessor = (_schema, _ctx, json, _params) => {
    json.type = "boolean";
};
const customProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Custom types cannot be represented in JSON Schema");
};
const functionProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Function types cannot be represented in JSON Schema");
};
const transformProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Transforms cannot be represented in JSON Schema");
};
const mapProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Map cannot be represented in JSON Schema");
};
const setProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Set cannot be represented in JSON Schema");
};
// ==================== COMPOSITE TYPE PROCESSORS ====================
const arrayProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const def = schema._zod.def;
    const { minimum, maximum } = aggregateChecks(schema);
    if (typeof minimum === "number")
        json.minItems = minimum;
    if (typeof maximum === "number")
        json.maxItems = maximum;
    json.type = "array";
    json.items = to_json_schema_processSchema(def.element, ctx, {
        ...params,
        path: [...params.path, "items"],
    });
};
// Transform and catch set `optin = "optional"` at runtime so the parser lets them observe an
// absent key, but their declared input type stays required. An input JSON Schema describes the
// declared type, so resolve past them to the schema that actually carries the optionality.
// Used by both `objectProcessor` (for `required`) and `tupleProcessor` (for `minItems`); see
// wiki/optionality.md, "The JSON Schema emitter reads the *static* value".
function inputOptin(schema) {
    const def = schema._zod.def;
    if (def.type === "pipe" && def.in._zod.traits.has("$ZodTransform")) {
        return inputOptin(def.out);
    }
    if (def.type === "catch") {
        return inputOptin(def.innerType);
    }
    return schema._zod.optin;
}
const objectProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const def = schema._zod.def;
    const shape = def.shape;
    // dropping it while still emitting `additionalProperties: false` would emit a schema that rejects data this one requires
    const symbolKeys = Object.getOwnPropertySymbols(shape);
    if (symbolKeys.length &&
        handleUnrepresentable(schema, ctx, json, params, "Symbol keys cannot be represented in JSON Schema")) {
        return;
    }
    json.type = "object";
    json.properties = {};
    for (const key in shape) {
        // assignProp so a __proto__ key becomes an own property instead of hitting the inherited setter on the plain {} we build into
        util_assignProp(json.properties, key, to_json_schema_processSchema(shape[key], ctx, {
            ...params,
            path: [...params.path, "properties", key],
        }));
    }
    // required keys
    const requiredKeys = [];
    for (const key of Object.keys(shape)) {
        const field = def.shape[key];
        if (ctx.io === "input" ? inputOptin(field) === undefined : field._zod.optout === undefined) {
            requiredKeys.push(key);
        }
    }
    if (requiredKeys.length > 0) {
        json.required = requiredKeys;
    }
    // catchall
    if (def.catchall?._zod.def.type === "never") {
        // strict
        json.additionalProperties = false;
    }
    else if (!def.catchall) {
        // regular
        if (ctx.io === "output")
            json.additionalProperties = false;
    }
    else if (def.catchall) {
        json.additionalProperties = to_json_schema_processSchema(def.catchall, ctx, {
            ...params,
            path: [...params.path, "additionalProperties"],
        });
    }
};
const unionProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    // Exclusive unions (inclusive === false) use oneOf (exactly one match) instead of anyOf (one or more matches). This includes both z.xor() and discriminated unions
    const isExclusive = def.inclusive === false;
    const options = def.options.map((x, i) => to_json_schema_processSchema(x, ctx, {
        ...params,
        path: [...params.path, isExclusive ? "oneOf" : "anyOf", i],
    }));
    if (isExclusive) {
        json.oneOf = options;
    }
    else {
        json.anyOf = options;
    }
};
const intersectionProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    const a = to_json_schema_processSchema(def.left, ctx, {
        ...params,
        path: [...params.path, "allOf", 0],
    });
    const b = to_json_schema_processSchema(def.right, ctx, {
        ...params,
        path: [...params.path, "allOf", 1],
    });
    const isSimpleIntersection = (val) => "allOf" in val && Object.keys(val).length === 1;
    const allOf = [
        ...(isSimpleIntersection(a) ? a.allOf : [a]),
        ...(isSimpleIntersection(b) ? b.allOf : [b]),
    ];
    json.allOf = allOf;
    // Recorded innermost first, so a nested intersection has already folded by the time this one is considered. The array is the handle rather than the schema, because a wrapper that inherits this schema shares the same array; `finalize` folds every object holding it. See `foldIntersection`.
    ctx.intersections.push(allOf);
};
const tupleProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const def = schema._zod.def;
    json.type = "array";
    const prefixPath = ctx.target === "draft-2020-12" ? "prefixItems" : "items";
    const restPath = ctx.target === "draft-2020-12" ? "items" : ctx.target === "openapi-3.0" ? "items" : "additionalItems";
    const prefixItems = def.items.map((x, i) => to_json_schema_processSchema(x, ctx, {
        ...params,
        path: [...params.path, prefixPath, i],
    }));
    const rest = def.rest
        ? to_json_schema_processSchema(def.rest, ctx, {
            ...params,
            path: [...params.path, restPath, ...(ctx.target === "openapi-3.0" ? [def.items.length] : [])],
        })
        : null;
    let minItems = def.items.length;
    while (minItems > 0) {
        const item = def.items[minItems - 1];
        const optional = ctx.io === "input" ? inputOptin(item) !== undefined : item._zod.optout === "optional";
        if (!optional)
            break;
        minItems--;
    }
    const maxItems = def.items.length;
    const isClosed = !def.rest;
    if (ctx.target === "draft-2020-12") {
        json.prefixItems = prefixItems;
        if (isClosed) {
            json.items = false;
        }
        else if (rest) {
            json.items = rest;
        }
        if (minItems > 0)
            json.minItems = minItems;
        if (isClosed)
            json.maxItems = maxItems;
    }
    else if (ctx.target === "openapi-3.0") {
        json.items = {
            anyOf: prefixItems,
        };
        if (rest) {
            json.items.anyOf.push(rest);
        }
        if (minItems > 0)
            json.minItems = minItems;
        if (isClosed)
            json.maxItems = maxItems;
    }
    else {
        json.items = prefixItems;
        if (isClosed) {
            json.additionalItems = false;
        }
        else if (rest) {
            json.additionalItems = rest;
        }
        if (minItems > 0)
            json.minItems = minItems;
        if (isClosed)
            json.maxItems = maxItems;
    }
    // explicit user-defined length checks take precedence
    const { minimum, maximum } = aggregateChecks(schema);
    if (typeof minimum === "number")
        json.minItems = minimum;
    if (typeof maximum === "number")
        json.maxItems = maximum;
};
/** JSON object keys are always strings, so a numeric record key schema is re-expressed over the
 * numeric-string form the record parser matches. Deferred to `finalize`, after the flatten: a key
 * behind a wrapper only carries its own `type` before then, and a union key only has its branches.
 *
 * A numeric bound cannot apply to a property name, so `minimum` and its siblings are dropped rather
 * than carried over: keeping them beside `type: "string"` reproduces the match-nothing schema this
 * exists to fix. A key that carries one therefore emits wider than the record parses — `z.record(z.number().min(5), V)`
 * accepts `"3"` — which is the deliberate trade, since throwing on it would reject an ordinary schema
 * outright. */
function stringifyKeyNames(bySchema, json, visited) {
    // an extracted key that rewrites cannot go on sharing its definition — the string form a key position needs is not the number form every other reference wants — so it inlines. One that does not rewrite keeps the `$ref`.
    if (json.$ref) {
        // a recursive key holds its own reference inside its definition, so a node already on the path is left alone rather than resolved again
        if (visited.has(json))
            return json;
        visited.add(json);
        const def = bySchema.get(json)?.def;
        if (!def)
            return json;
        const inlined = stringifyKeyNames(bySchema, def, visited);
        return inlined === def ? json : inlined;
    }
    for (const keyword of ["anyOf", "oneOf"]) {
        const branches = json[keyword];
        if (!Array.isArray(branches))
            continue;
        const mapped = branches.map((branch) => stringifyKeyNames(bySchema, branch, visited));
        // rebuilding regardless would detach a key that had nothing to re-express, dropping its `$ref` and leaking the internal `id`
        if (mapped.some((branch, i) => branch !== branches[i]))
            json = { ...json, [keyword]: mapped };
    }
    // a member that already admits a string leaves the key unconstrained, so the node's own type re-expresses only when every member is numeric
    const types = Array.isArray(json.type) ? json.type : [json.type];
    const numericType = !types.includes("string") && types.some((t) => t === "number" || t === "integer");
    // a heterogeneous key carries no type at all, so its numeric members are caught here instead
    const values = json.enum ?? (json.const !== undefined ? [json.const] : undefined);
    if (!numericType && !values?.some((v) => typeof v === "number"))
        return json;
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf, format, id, ...rest } = json;
    if (rest.enum)
        rest.enum = rest.enum.map((v) => (typeof v === "number" ? String(v) : v));
    else if (typeof rest.const === "number")
        rest.const = String(rest.const);
    // a heterogeneous key keeps its absent type: the stringified members already say what a key may be
    if (!numericType)
        return rest;
    rest.type = "string";
    if (!values)
        rest.pattern = (types.includes("number") ? number : integer).source;
    return rest;
}
/** Every record of one conversion, so the carriers are found in a single pass rather than once per record. */
const pendingRecords = new WeakMap();
function rewriteKeyNames(ctx) {
    // an extracted key is resolved by the object `extractToDef` left in its place, so the map is built once rather than searched per reference. `_zod.toJSONSchema` can hand the same object to two schemas, so the first entry carrying a body wins, as a search would have found it.
    const bySchema = new Map();
    for (const entry of ctx.seen.values()) {
        if (entry.def && !bySchema.has(entry.schema))
            bySchema.set(entry.schema, entry);
    }
    const rewrites = new Map();
    for (const record of pendingRecords.get(ctx) ?? []) {
        const seen = ctx.seen.get(record);
        const names = (seen?.def ?? seen?.schema)?.propertyNames;
        if (!names || names === true || rewrites.has(names))
            continue;
        const rewritten = stringifyKeyNames(bySchema, names, new Set());
        if (rewritten !== names)
            rewrites.set(names, rewritten);
    }
    if (!rewrites.size)
        return;
    // the flatten has already copied each record's own properties onto every wrapper by reference, and an extracted body is another such copy, so every carrier holding a rewritten key is updated together
    for (const entry of ctx.seen.values()) {
        for (const carrier of [entry.schema, entry.def]) {
            const rewritten = carrier && rewrites.get(carrier.propertyNames);
            if (rewritten)
                carrier.propertyNames = rewritten;
        }
    }
}
const recordProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const def = schema._zod.def;
    json.type = "object";
    // For looseRecord with regex patterns, use patternProperties. This correctly represents "only validate keys matching the pattern" semantics and composes well with allOf (intersections)
    const keyType = def.keyType;
    const patterns = aggregateChecks(keyType).patterns;
    if (def.mode === "loose" && patterns && patterns.size > 0) {
        // Use patternProperties for looseRecord with regex patterns
        const valueSchema = to_json_schema_processSchema(def.valueType, ctx, {
            ...params,
            path: [...params.path, "patternProperties", "*"],
        });
        json.patternProperties = {};
        for (const pattern of patterns) {
            util_assignProp(json.patternProperties, exactPattern(pattern).source, valueSchema);
        }
    }
    else {
        // Default behavior: use propertyNames + additionalProperties
        if (ctx.target === "draft-07" || ctx.target === "draft-2020-12") {
            json.propertyNames = to_json_schema_processSchema(def.keyType, ctx, {
                ...params,
                path: [...params.path, "propertyNames"],
            });
            let pending = pendingRecords.get(ctx);
            if (!pending) {
                pending = [];
                pendingRecords.set(ctx, pending);
                ctx.deferred.push(() => rewriteKeyNames(ctx));
            }
            pending.push(schema);
        }
        json.additionalProperties = to_json_schema_processSchema(def.valueType, ctx, {
            ...params,
            path: [...params.path, "additionalProperties"],
        });
    }
    // Add required for keys with discrete values (enum, literal, etc.)
    const keyValues = keyType._zod.values;
    // Every key shares one value schema, so an optional-in value makes the whole key set omittable on input. Output keeps them: the exhaustive branch assigns every key, even one whose value came back undefined.
    const omittableOnInput = ctx.io === "input" && inputOptin(def.valueType) !== undefined;
    if (keyValues && !def.partial && !omittableOnInput) {
        const validKeyValues = [...keyValues].filter((v) => typeof v === "string" || typeof v === "number");
        if (validKeyValues.length > 0) {
            json.required = validKeyValues.map(String);
        }
    }
};
const nullableProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    const inner = to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    if (ctx.target === "openapi-3.0") {
        seen.ref = def.innerType;
        json.nullable = true;
    }
    else {
        json.anyOf = [inner, { type: "null" }];
    }
};
const nonoptionalProcessor = (schema, ctx, _json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
};
/** Round-trips a default value through JSON so the emitted schema is guaranteed to be valid JSON.
 * A BigInt has no reliable encoding, so it goes through `unrepresentable` like any other
 * unrepresentable value. Returns a sentinel when the caller must not write a default of its own. */
const UNREPRESENTABLE_DEFAULT = Symbol();
function serializeDefaultValue(value, schema, ctx, json, params) {
    let unrepresentable = false;
    const serialized = JSON.stringify(value, (_, val) => {
        if (typeof val !== "bigint")
            return val;
        unrepresentable = true;
        return null;
    });
    if (!unrepresentable)
        return JSON.parse(serialized);
    handleUnrepresentable(schema, ctx, json, params, "BigInt defaults cannot be represented in JSON Schema");
    return UNREPRESENTABLE_DEFAULT;
}
const defaultProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    const value = serializeDefaultValue(def.defaultValue, schema, ctx, json, params);
    if (value !== UNREPRESENTABLE_DEFAULT)
        json.default = value;
};
const prefaultProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    if (ctx.io !== "input")
        return;
    const value = serializeDefaultValue(def.defaultValue, schema, ctx, json, params);
    if (value !== UNREPRESENTABLE_DEFAULT)
        json._prefault = value;
};
const catchProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    let catchValue;
    try {
        catchValue = def.catchValue(undefined);
    }
    catch {
        handleUnrepresentable(schema, ctx, json, params, "Dynamic catch values are not supported in JSON Schema");
        return;
    }
    json.default = catchValue;
};
const pipeProcessor = (schema, ctx, _json, params) => {
    const def = schema._zod.def;
    const inIsTransform = def.in._zod.traits.has("$ZodTransform");
    const innerType = ctx.io === "input" ? (inIsTransform ? def.out : def.in) : def.out;
    to_json_schema_processSchema(innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = innerType;
};
const readonlyProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    json.readOnly = true;
};
const promiseProcessor = (schema, ctx, _json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
};
const optionalProcessor = (schema, ctx, _json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
};
const lazyProcessor = (schema, ctx, _json, params) => {
    const innerType = schema._zod.innerType;
    to_json_schema_processSchema(innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = innerType;
};
// ==================== ALL PROCESSORS ====================
const allProcessors = {
    string: stringProcessor,
    number: numberProcessor,
    boolean: booleanProcessor,
    bigint: bigintProcessor,
    symbol: symbolProcessor,
    null: nullProcessor,
    undefined: undefinedProcessor,
    void: voidProcessor,
    never: neverProcessor,
    any: anyProcessor,
    unknown: unknownProcessor,
    date: dateProcessor,
    enum: enumProcessor,
    literal: literalProcessor,
    nan: nanProcessor,
    template_literal: templateLiteralProcessor,
    file: fileProcessor,
    success: successProcessor,
    custom: customProcessor,
    function: functionProcessor,
    transform: transformProcessor,
    map: mapProcessor,
    set: setProcessor,
    array: arrayProcessor,
    object: objectProcessor,
    union: unionProcessor,
    intersection: intersectionProcessor,
    tuple: tupleProcessor,
    record: recordProcessor,
    nullable: nullableProcessor,
    nonoptional: nonoptionalProcessor,
    default: defaultProcessor,
    prefault: prefaultProcessor,
    catch: catchProcessor,
    pipe: pipeProcessor,
    readonly: readonlyProcessor,
    promise: promiseProcessor,
    optional: optionalProcessor,
    lazy: lazyProcessor,
};
function toJSONSchema(input, params) {
    if ("_idmap" in input) {
        // Registry case
        const registry = input;
        const ctx = initializeContext({ ...params, processors: allProcessors });
        const defs = {};
        // First pass: process all schemas to build the seen map
        for (const entry of registry._idmap.entries()) {
            const [_, schema] = entry;
            processSchema(schema, ctx);
        }
        const schemas = {};
        const external = {
            registry,
            uri: params?.uri,
            defs,
        };
        // Update the context with external configuration
        ctx.external = external;
        // Second pass: emit each schema
        for (const entry of registry._idmap.entries()) {
            const [key, schema] = entry;
            extractDefs(ctx, schema);
            assignProp(schemas, key, finalize(ctx, schema));
        }
        if (Object.keys(defs).length > 0) {
            const defsSegment = ctx.target === "draft-2020-12" ? "$defs" : "definitions";
            schemas.__shared = {
                [defsSegment]: defs,
            };
        }
        return { schemas };
    }
    // Single schema case
    const ctx = initializeContext({ ...params, processors: allProcessors });
    processSchema(input, ctx);
    extractDefs(ctx, input);
    return finalize(ctx, input);
}

;// CONCATENATED MODULE: ../main/node_modules/zod/v4/locales/en.js

const error = () => {
    const Sizable = {
        string: { unit: "characters", verb: "to have" },
        file: { unit: "bytes", verb: "to have" },
        array: { unit: "items", verb: "to have" },
        set: { unit: "items", verb: "to have" },
        map: { unit: "entries", verb: "to have" },
    };
    function getSizing(origin) {
        return Sizable[origin] ?? null;
    }
    const FormatDictionary = {
        regex: "input",
        email: "email address",
        url: "URL",
        emoji: "emoji",
        uuid: "UUID",
        uuidv4: "UUIDv4",
        uuidv6: "UUIDv6",
        nanoid: "nanoid",
        guid: "GUID",
        cuid: "cuid",
        cuid2: "cuid2",
        ulid: "ULID",
        xid: "XID",
        ksuid: "KSUID",
        datetime: "ISO datetime",
        date: "ISO date",
        time: "ISO time",
        duration: "ISO duration",
        ipv4: "IPv4 address",
        ipv6: "IPv6 address",
        mac: "MAC address",
        cidrv4: "IPv4 range",
        cidrv6: "IPv6 range",
        base64: "base64-encoded string",
        base64url: "base64url-encoded string",
        json_string: "JSON string",
        e164: "E.164 number",
        currency_code: "currency code",
        credit_card: "credit card number",
        iban: "IBAN",
        jwt: "JWT",
        template_literal: "input",
    };
    // type names: missing keys = do not translate (use raw value via ?? fallback)
    const TypeDictionary = {
        // Compatibility: "nan" -> "NaN" for display
        nan: "NaN",
        // All other type names omitted - they fall back to raw values via ?? operator
    };
    function getTypeName(type, input) {
        if (type === "number" && typeof input === "number" && !Number.isFinite(input)) {
            return String(input);
        }
        return TypeDictionary[type] ?? type;
    }
    return (issue) => {
        switch (issue.code) {
            case "invalid_type": {
                const expected = getTypeName(issue.expected);
                const receivedType = parsedType(issue.input);
                const received = getTypeName(receivedType, issue.input);
                return `Invalid input: expected ${expected}, received ${received}`;
            }
            case "invalid_value":
                if (issue.values.length === 1)
                    return `Invalid input: expected ${stringifyPrimitive(issue.values[0])}`;
                return `Invalid option: expected one of ${joinValues(issue.values, "|")}`;
            case "too_big": {
                const adj = issue.exact ? "exactly " : issue.inclusive ? "<=" : "<";
                const sizing = getSizing(issue.origin);
                if (sizing)
                    return `Too big: expected ${issue.origin ?? "value"} to have ${adj}${issue.maximum.toString()} ${sizing.unit ?? "elements"}`;
                return `Too big: expected ${issue.origin ?? "value"} to be ${adj}${issue.maximum.toString()}`;
            }
            case "too_small": {
                const adj = issue.exact ? "exactly " : issue.inclusive ? ">=" : ">";
                const sizing = getSizing(issue.origin);
                if (sizing) {
                    return `Too small: expected ${issue.origin} to have ${adj}${issue.minimum.toString()} ${sizing.unit}`;
                }
                return `Too small: expected ${issue.origin} to be ${adj}${issue.minimum.toString()}`;
            }
            case "invalid_format": {
                const _issue = issue;
                if (_issue.format === "starts_with") {
                    return `Invalid string: must start with "${_issue.prefix}"`;
                }
                if (_issue.format === "ends_with")
                    return `Invalid string: must end with "${_issue.suffix}"`;
                if (_issue.format === "includes")
                    return `Invalid string: must include "${_issue.includes}"`;
                if (_issue.format === "regex")
                    return `Invalid string: must match pattern ${_issue.pattern}`;
                return `Invalid ${FormatDictionary[_issue.format] ?? issue.format}`;
            }
            case "not_multiple_of":
                return `Invalid number: must be a multiple of ${issue.divisor}`;
            case "unrecognized_keys":
                return `Unrecognized key${issue.keys.length > 1 ? "s" : ""}: ${joinValues(issue.keys, ", ")}`;
            case "invalid_key":
                return `Invalid key in ${issue.origin}`;
            case "invalid_union":
                if (issue.options && Array.isArray(issue.options) && issue.options.length > 0) {
                    const opts = issue.options.map((o) => `'${o}'`).join(" | ");
                    return `Invalid discriminator value. Expected ${opts}`;
                }
                if (issue.inclusive === false) {
                    return "Invalid input: more than one option matched";
                }
                return "Invalid input";
            case "invalid_element":
                return `Invalid value in ${issue.origin}`;
            default:
                return `Invalid input`;
        }
    };
};
/* harmony default export */ function en() {
    return {
        localeError: error(),
    };
}

;// CONCATENATED MODULE: ../main/node_modules/zod/v4/core/errors.js


/* Computing the message eagerly is expensive (pretty-printed JSON of all
 * issues), so defer it until first read. The accessor functions and
 * descriptors are shared across instances to keep error construction
 * cheap; the computed message is cached on the internals object. The
 * setter preserves plain assignment semantics for consumers that
 * overwrite `message`. */
function _getMessage() {
    const internals = this._zod;
    internals.message ?? (internals.message = JSON.stringify(internals.def, jsonStringifyReplacer, 2));
    return internals.message;
}
function _setMessage(value) {
    this._zod.message = value;
}
const _messageDesc = {
    get: _getMessage,
    set: _setMessage,
    enumerable: true,
    configurable: true,
};
const _issuesDesc = { value: undefined, enumerable: false };
/* Prototypes that already carry the lazy `toString`. Seeded with the
 * intrinsics so that `init` on a foreign object — it accepts any object —
 * can never install an accessor onto a prototype we do not own. */
const _installedToString = /* @__PURE__ */ new WeakSet([Object.prototype, Error.prototype]);
const initializer = (inst, def) => {
    inst.name = "$ZodError";
    // `_zod` is already non-enumerable: $constructor's init defined it with this same descriptor
    _issuesDesc.value = def;
    Object.defineProperty(inst, "issues", _issuesDesc);
    // Clear the shared slot; a retained `value` pins the last error's issues.
    _issuesDesc.value = undefined;
    Object.defineProperty(inst, "message", _messageDesc);
    /* `toString` lives as a non-enumerable lazy getter on the shared
     * prototype; on first access it caches a per-instance closure so
     * detached usage still works. */
    const proto = Object.getPrototypeOf(inst);
    if (!_installedToString.has(proto)) {
        _installedToString.add(proto);
        Object.defineProperty(proto, "toString", {
            configurable: true,
            enumerable: false,
            get() {
                const value = () => this.message;
                Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
                return value;
            },
            set(value) {
                Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
            },
        });
    }
};
const $ZodError = $constructor("$ZodError", initializer);
const $ZodRealError = $constructor("$ZodError", initializer, undefined, {
    Parent: Error,
});
/** Get-or-create `obj[key]` as an own data property. A path segment naming an inherited member
 * ("toString", "constructor") would otherwise read through to the prototype, and assigning
 * "__proto__" would hit the setter instead of creating a key. */
function node(obj, key, make) {
    if (!Object.prototype.hasOwnProperty.call(obj, key)) {
        if (key === "__proto__") {
            Object.defineProperty(obj, key, { value: make(), writable: true, enumerable: true, configurable: true });
        }
        else {
            obj[key] = make();
        }
    }
    return obj[key];
}
function flattenError(error, mapper = (issue) => issue.message) {
    const fieldErrors = {};
    const formErrors = [];
    for (const sub of error.issues) {
        if (sub.path.length > 0) {
            node(fieldErrors, sub.path[0], () => []).push(mapper(sub));
        }
        else {
            formErrors.push(mapper(sub));
        }
    }
    return { formErrors, fieldErrors };
}
function formatError(error, mapper = (issue) => issue.message) {
    const fieldErrors = { _errors: [] };
    const processError = (error, path = []) => {
        for (const issue of error.issues) {
            if (issue.code === "invalid_union" && issue.errors.length) {
                issue.errors.map((issues) => processError({ issues }, [...path, ...issue.path]));
            }
            else if (issue.code === "invalid_key") {
                processError({ issues: issue.issues }, [...path, ...issue.path]);
            }
            else if (issue.code === "invalid_element") {
                processError({ issues: issue.issues }, [...path, ...issue.path]);
            }
            else {
                const fullpath = [...path, ...issue.path];
                if (fullpath.length === 0) {
                    fieldErrors._errors.push(mapper(issue));
                }
                else {
                    let curr = fieldErrors;
                    let i = 0;
                    while (i < fullpath.length) {
                        const el = fullpath[i];
                        const terminal = i === fullpath.length - 1;
                        // `_errors` is reserved by this legacy format, so merge a matching path segment into the current node instead of treating its array as a child.
                        if (el === "_errors") {
                            if (terminal)
                                curr._errors.push(mapper(issue));
                            i++;
                            continue;
                        }
                        // A path element may collide with an inherited property name such as
                        // "__proto__" or "constructor". Truthiness checks read the prototype
                        // (so no node is created, then ._errors.push throws), and bracket
                        // assignment of "__proto__" hits the setter instead of creating an
                        // own key. Guard the read with hasOwnProperty and create the node
                        // with defineProperty so any path element becomes a real own key.
                        if (!Object.prototype.hasOwnProperty.call(curr, el)) {
                            Object.defineProperty(curr, el, {
                                value: { _errors: [] },
                                enumerable: true,
                                writable: true,
                                configurable: true,
                            });
                        }
                        const node = curr[el];
                        if (terminal) {
                            node._errors.push(mapper(issue));
                        }
                        curr = node;
                        i++;
                    }
                }
            }
        }
    };
    processError(error);
    return fieldErrors;
}
function treeifyError(error, mapper = (issue) => issue.message) {
    const result = { errors: [] };
    const processError = (error, path = []) => {
        var _a;
        for (const issue of error.issues) {
            if (issue.code === "invalid_union" && issue.errors.length) {
                // regular union error
                issue.errors.map((issues) => processError({ issues }, [...path, ...issue.path]));
            }
            else if (issue.code === "invalid_key") {
                processError({ issues: issue.issues }, [...path, ...issue.path]);
            }
            else if (issue.code === "invalid_element") {
                processError({ issues: issue.issues }, [...path, ...issue.path]);
            }
            else {
                const fullpath = [...path, ...issue.path];
                if (fullpath.length === 0) {
                    result.errors.push(mapper(issue));
                    continue;
                }
                let curr = result;
                let i = 0;
                while (i < fullpath.length) {
                    const el = fullpath[i];
                    const terminal = i === fullpath.length - 1;
                    if (typeof el === "string") {
                        curr.properties ?? (curr.properties = {});
                        // el may collide with an inherited property name ("__proto__",
                        // "constructor", ...); ??= reads the prototype so the node is never
                        // created and curr.errors.push throws. Guard with hasOwnProperty and
                        // create the node with defineProperty so "__proto__" becomes a real
                        // own key rather than invoking the prototype setter.
                        if (!Object.prototype.hasOwnProperty.call(curr.properties, el)) {
                            Object.defineProperty(curr.properties, el, {
                                value: { errors: [] },
                                enumerable: true,
                                writable: true,
                                configurable: true,
                            });
                        }
                        curr = curr.properties[el];
                    }
                    else {
                        curr.items ?? (curr.items = []);
                        (_a = curr.items)[el] ?? (_a[el] = { errors: [] });
                        curr = curr.items[el];
                    }
                    if (terminal) {
                        curr.errors.push(mapper(issue));
                    }
                    i++;
                }
            }
        }
    };
    processError(error);
    return result;
}
/** Format a ZodError as a human-readable string in the following form.
 *
 * From
 *
 * ```ts
 * ZodError {
 *   issues: [
 *     {
 *       expected: 'string',
 *       code: 'invalid_type',
 *       path: [ 'username' ],
 *       message: 'Invalid input: expected string'
 *     },
 *     {
 *       expected: 'number',
 *       code: 'invalid_type',
 *       path: [ 'favoriteNumbers', 1 ],
 *       message: 'Invalid input: expected number'
 *     }
 *   ];
 * }
 * ```
 *
 * to
 *
 * ```
 * username
 *   ✖ Expected number, received string at "username
 * favoriteNumbers[0]
 *   ✖ Invalid input: expected number
 * ```
 */
function toDotPath(_path) {
    const segs = [];
    const path = _path.map((seg) => (typeof seg === "object" ? seg.key : seg));
    for (const seg of path) {
        if (typeof seg === "number")
            segs.push(`[${seg}]`);
        else if (typeof seg === "symbol")
            segs.push(`[${JSON.stringify(String(seg))}]`);
        else if (/[^\w$]/.test(seg))
            segs.push(`[${JSON.stringify(seg)}]`);
        else {
            if (segs.length)
                segs.push(".");
            segs.push(seg);
        }
    }
    return segs.join("");
}
function prettifyError(error) {
    const lines = [];
    // sort by path length
    const issues = [...error.issues].sort((a, b) => (a.path ?? []).length - (b.path ?? []).length);
    // Process each issue
    for (const issue of issues) {
        lines.push(`✖ ${issue.message}`);
        if (issue.path?.length)
            lines.push(`  → at ${toDotPath(issue.path)}`);
    }
    // Convert Map to formatted string
    return lines.join("\n");
}

;// CONCATENATED MODULE: ../main/node_modules/zod/v4/core/parse.js



// Always both keys, so the `_params` read site in `_parse` sees one object shape rather than two.
function finalizeParams(callee, params) {
    return { callee: params?.callee ?? callee, Err: params?.Err };
}
const _parse = (_Err) => {
    const fn = (schema, value, _ctx, _params) => {
        const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
        const result = schema._zod.run({ value, issues: [] }, ctx);
        if (result instanceof Promise) {
            throw new $ZodAsyncError();
        }
        if (result.issues.length) {
            const e = new (_params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
            captureStackTrace(e, _params?.callee ?? fn);
            throw e;
        }
        return result.value;
    };
    return fn;
};
const parse_parse = /* @__PURE__*/ _parse($ZodRealError);
const _parseAsync = (_Err) => {
    const fn = async (schema, value, _ctx, params) => {
        const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
        let result = schema._zod.run({ value, issues: [] }, ctx);
        if (result instanceof Promise)
            result = await result;
        if (result.issues.length) {
            const e = new (params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
            captureStackTrace(e, params?.callee ?? fn);
            throw e;
        }
        return result.value;
    };
    return fn;
};
const parse_parseAsync = /* @__PURE__*/ _parseAsync($ZodRealError);
const _safeParse = (_Err) => (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
    const result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise) {
        throw new $ZodAsyncError();
    }
    return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
const safeParse = /* @__PURE__*/ _safeParse($ZodRealError);
// the error is built on the first read of `error`: finalizing the issues and constructing the instance is most of a failing parse, and a caller that only branches on `success` never pays it. a getter in the literal keeps this small; the alternative, one shared accessor descriptor plus a hidden state slot, reads ~15% faster but costs ~75 B gzipped in every bundle
function failure(Err, issues, ctx) {
    let error;
    return {
        success: false,
        get error() {
            if (!error) {
                error = new Err(issues.map((iss) => finalizeIssue(iss, ctx, config())));
                // finalizeIssue drops `input`, so the built error holds nothing; keeping the raw issues past this point pins the parsed value for the life of the result
                issues = undefined;
                ctx = undefined;
            }
            return error;
        },
        set error(e) {
            error = e;
            // a replacement makes the getter's branch unreachable, so the captures have to go here too
            issues = undefined;
            ctx = undefined;
        },
    };
}
const _safeParseAsync = (_Err) => async (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
    let result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise)
        result = await result;
    return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
const safeParseAsync = /* @__PURE__*/ _safeParseAsync($ZodRealError);
// registry mirrors of the compiler's sentinels, so this module never imports the compiler
const COMPILE_INVALID = /* @__PURE__ */ Symbol.for("zod.compile.invalid");
const COMPILE_FALLBACK = /* @__PURE__ */ Symbol.for("zod.compile.fallback");
// Deliberately tiny, because v8 will not inline a body carrying the fallback's object literals and throw. Everything that is not the compiled happy path lives in validateFallback, and that split is worth ~35% on a compiled schema.
const validate = ((schema, value, _ctx) => {
    const validator = schema._zod.bag.validator;
    if (validator !== undefined) {
        if (validator(value) !== COMPILE_INVALID)
            return true;
        // a definite sentinel means the runtime would reject, so skip the re-parse; a ctx can still change the answer
        if (validator.definite === true && _ctx === undefined)
            return false;
    }
    return validateFallback(schema, value, _ctx);
});
function validateFallback(schema, value, _ctx) {
    const ctx = _ctx
        ? { ..._ctx, async: false, abortEarly: true }
        : { async: false, abortEarly: true };
    const fallbackRun = schema._zod.bag.fallbackRun;
    let result;
    if (fallbackRun) {
        // skip nested fast paths on the fallback, so user callbacks keep the at-most-twice bound
        ctx[COMPILE_FALLBACK] = true;
        result = fallbackRun({ value, issues: [] }, ctx);
    }
    else {
        result = schema._zod.run({ value, issues: [] }, ctx);
    }
    if (result instanceof Promise) {
        throw new $ZodAsyncError();
    }
    return result.issues.length === 0;
}
// no fast path: the compiler keeps async parses on the runtime, because a promise-returning callback that is not declared async compiles to a throw
const parse_validateAsync = async (schema, value, _ctx) => {
    const ctx = _ctx
        ? { ..._ctx, async: true, abortEarly: true }
        : { async: true, abortEarly: true };
    let result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise)
        result = await result;
    return result.issues.length === 0;
};
const _encode = (_Err) => {
    const parse = _parse(_Err);
    const fn = (schema, value, _ctx, _params) => {
        const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
        return parse(schema, value, ctx, finalizeParams(fn, _params));
    };
    return fn;
};
const encode = /* @__PURE__*/ _encode($ZodRealError);
const _decode = (_Err) => {
    const parse = _parse(_Err);
    const fn = (schema, value, _ctx, _params) => {
        return parse(schema, value, _ctx, finalizeParams(fn, _params));
    };
    return fn;
};
const decode = /* @__PURE__*/ _decode($ZodRealError);
const _encodeAsync = (_Err) => {
    const parseAsync = _parseAsync(_Err);
    const fn = async (schema, value, _ctx, _params) => {
        const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
        return (await parseAsync(schema, value, ctx, finalizeParams(fn, _params)));
    };
    return fn;
};
const encodeAsync = /* @__PURE__*/ _encodeAsync($ZodRealError);
const _decodeAsync = (_Err) => {
    const parseAsync = _parseAsync(_Err);
    const fn = async (schema, value, _ctx, _params) => {
        return await parseAsync(schema, value, _ctx, finalizeParams(fn, _params));
    };
    return fn;
};
const decodeAsync = /* @__PURE__*/ _decodeAsync($ZodRealError);
const _safeEncode = (_Err) => (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
    return _safeParse(_Err)(schema, value, ctx);
};
const safeEncode = /* @__PURE__*/ _safeEncode($ZodRealError);
const _safeDecode = (_Err) => (schema, value, _ctx) => {
    return _safeParse(_Err)(schema, value, _ctx);
};
const safeDecode = /* @__PURE__*/ _safeDecode($ZodRealError);
const _safeEncodeAsync = (_Err) => async (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
    return _safeParseAsync(_Err)(schema, value, ctx);
};
const safeEncodeAsync = /* @__PURE__*/ _safeEncodeAsync($ZodRealError);
const _safeDecodeAsync = (_Err) => async (schema, value, _ctx) => {
    return _safeParseAsync(_Err)(schema, value, _ctx);
};
const safeDecodeAsync = /* @__PURE__*/ _safeDecodeAsync($ZodRealError);

;// CONCATENATED MODULE: ../main/node_modules/zod/v4/classic/errors.js



/* Prototypes that already carry the lazy helper methods. Seeded with the
 * intrinsics so that `init` on a foreign object — it accepts any object —
 * can never install an accessor onto a prototype we do not own. */
const _installedErrorProtos = /* @__PURE__ */ new WeakSet([Object.prototype, Error.prototype]);
/* Helper methods live as non-enumerable lazy getters on the shared
 * prototype instead of own properties on every instance. On first
 * access the getter allocates the per-instance closure and caches it
 * as a non-enumerable own property, so detached usage still works and
 * the allocation only happens for methods actually touched. */
function _lazyMethod(proto, key, make) {
    Object.defineProperty(proto, key, {
        configurable: true,
        enumerable: false,
        get() {
            const value = make(this);
            Object.defineProperty(this, key, { value, configurable: true, writable: true });
            return value;
        },
        set(value) {
            Object.defineProperty(this, key, { value, configurable: true, writable: true });
        },
    });
}
const errors_initializer = (inst, issues) => {
    $ZodError.init(inst, issues);
    inst.name = "ZodError";
    const proto = Object.getPrototypeOf(inst);
    if (_installedErrorProtos.has(proto))
        return;
    _installedErrorProtos.add(proto);
    _lazyMethod(proto, "format", (self) => (mapper) => formatError(self, mapper));
    _lazyMethod(proto, "flatten", (self) => (mapper) => flattenError(self, mapper));
    _lazyMethod(proto, "addIssue", (self) => (issue) => {
        self.issues.push(issue);
        self.message = JSON.stringify(self.issues, jsonStringifyReplacer, 2);
    });
    _lazyMethod(proto, "addIssues", (self) => (issues) => {
        self.issues.push(...issues);
        self.message = JSON.stringify(self.issues, jsonStringifyReplacer, 2);
    });
    Object.defineProperty(proto, "isEmpty", {
        configurable: true,
        enumerable: false,
        get() {
            return this.issues.length === 0;
        },
    });
};
const ZodError = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodError", errors_initializer)));
const ZodRealError = /*@__PURE__*/ $constructor("ZodError", errors_initializer, undefined, {
    Parent: Error,
});
// /** @deprecated Use `z.core.$ZodErrorMapCtx` instead. */
// export type ErrorMapCtx = core.$ZodErrorMapCtx;

;// CONCATENATED MODULE: ../main/node_modules/zod/v4/classic/parse.js


const classic_parse_parse = /* @__PURE__ */ _parse(ZodRealError);
const classic_parse_parseAsync = /* @__PURE__ */ _parseAsync(ZodRealError);
const parse_safeParse = /* @__PURE__ */ _safeParse(ZodRealError);
const parse_safeParseAsync = /* @__PURE__ */ _safeParseAsync(ZodRealError);

// Codec functions
const parse_encode = /* @__PURE__ */ _encode(ZodRealError);
const parse_decode = /* @__PURE__ */ _decode(ZodRealError);
const parse_encodeAsync = /* @__PURE__ */ _encodeAsync(ZodRealError);
const parse_decodeAsync = /* @__PURE__ */ _decodeAsync(ZodRealError);
const parse_safeEncode = /* @__PURE__ */ _safeEncode(ZodRealError);
const parse_safeDecode = /* @__PURE__ */ _safeDecode(ZodRealError);
const parse_safeEncodeAsync = /* @__PURE__ */ _safeEncodeAsync(ZodRealError);
const parse_safeDecodeAsync = /* @__PURE__ */ _safeDecodeAsync(ZodRealError);

;// CONCATENATED MODULE: ../main/node_modules/zod/v4/classic/schemas.js








// Register English as the default locale on first ZodType construction. Hooked into the `ZodType` `$constructor` (rather than a top-level `config(en())` in `external.ts`) so bundlers honoring `sideEffects: false` can't tree-shake it out — see #5953, #5725. An explicit `z.config(z.locales.xx())` call wins regardless of order, since this only sets the default when none is present.
function _ensureDefaultLocale() {
    if (!globalConfig.localeError)
        config(en());
}
// the default memoizer is read by the core container init, which runs before `ZodType.init`, so each container calls this first
function _ensureDefaultMemoizer() {
    if (!globalConfig.memoizer)
        config({ memoizer: memoizer() });
}
const ZodType = /*@__PURE__*/ $constructor("ZodType", (inst, def) => {
    _ensureDefaultLocale();
    $ZodType.init(inst, def);
    inst.def = def;
    inst.type = def.type;
    return inst;
}, {
    check(...chks) {
        const def = this.def;
        return this.clone(mergeDefs(def, {
            checks: [
                ...(def.checks ?? []),
                ...chks.map((ch) => typeof ch === "function" ? { _zod: { check: ch, def: { check: "custom" }, onattach: [] } } : ch),
            ],
        }), { parent: true });
    },
    with(...chks) {
        return this.check(...chks);
    },
    clone(def, params) {
        return clone(this, def, params);
    },
    brand() {
        return this;
    },
    register(reg, meta) {
        reg.add(this, meta);
        return this;
    },
    refine(check, params) {
        return this.check(refine(check, params));
    },
    superRefine(refinement, params) {
        return this.check(superRefine(refinement, params));
    },
    overwrite(fn) {
        return this.check(_overwrite(fn));
    },
    optional() {
        return optional(this);
    },
    exactOptional() {
        return exactOptional(this);
    },
    nullable() {
        return nullable(this);
    },
    nullish() {
        return optional(nullable(this));
    },
    nonoptional(params) {
        return nonoptional(this, params);
    },
    array() {
        return array(this);
    },
    or(arg) {
        return union([this, arg]);
    },
    and(arg) {
        return intersection(this, arg);
    },
    transform(tx) {
        return pipe(this, transform(tx));
    },
    default(d) {
        return schemas_default(this, d);
    },
    prefault(d) {
        return prefault(this, d);
    },
    catch(params) {
        return schemas_catch(this, params);
    },
    pipe(target) {
        return pipe(this, target);
    },
    readonly() {
        return readonly(this);
    },
    describe(description) {
        const cl = this.clone();
        globalRegistry.add(cl, { description });
        return cl;
    },
    meta(...args) {
        // overloaded: meta() returns the registered metadata, meta(data) returns a clone with `data` registered. The mapped type picks up the second overload, so we accept variadic any-args and return `any` to satisfy both at runtime.
        if (args.length === 0)
            return globalRegistry.get(this);
        const cl = this.clone();
        globalRegistry.add(cl, args[0]);
        return cl;
    },
    isOptional() {
        return this.safeParse(undefined).success;
    },
    isNullable() {
        return this.safeParse(null).success;
    },
    apply(fn, ...args) {
        return args.length === 0 ? fn(this) : fn(this, ...args);
    },
    // Overrides core's `~standard` to add `jsonSchema`. Must stay a prototype entry: redefining it per instance demotes instances to dictionary mode.
    get "~standard"() {
        return hide(this, "~standard", {
            ...standardProps(this),
            jsonSchema: {
                input: createStandardJSONSchemaMethod(this, "input"),
                output: createStandardJSONSchemaMethod(this, "output"),
            },
        });
    },
    set "~standard"(value) {
        own(this, "~standard", value);
    },
    parse: function _parse(data, params) {
        return classic_parse_parse(this, data, params, { callee: _parse });
    },
    parseAsync: async function _parseAsync(data, params) {
        return await classic_parse_parseAsync(this, data, params, { callee: _parseAsync });
    },
    safeParse(data, params) {
        return parse_safeParse(this, data, params);
    },
    async safeParseAsync(data, params) {
        return parse_safeParseAsync(this, data, params);
    },
    // `spa` is an alias: same function object as `safeParseAsync`, as before.
    get spa() {
        return this?.safeParseAsync;
    },
    set spa(value) {
        own(this, "spa", value);
    },
    validate(data, params) {
        return validate(this, data, params);
    },
    validateAsync(data, params) {
        return parse_validateAsync(this, data, params);
    },
    encode: function _encode(data, params) {
        return parse_encode(this, data, params, { callee: _encode });
    },
    decode: function _decode(data, params) {
        return parse_decode(this, data, params, { callee: _decode });
    },
    encodeAsync: async function _encodeAsync(data, params) {
        return await parse_encodeAsync(this, data, params, { callee: _encodeAsync });
    },
    decodeAsync: async function _decodeAsync(data, params) {
        return await parse_decodeAsync(this, data, params, { callee: _decodeAsync });
    },
    safeEncode(data, params) {
        return parse_safeEncode(this, data, params);
    },
    safeDecode(data, params) {
        return parse_safeDecode(this, data, params);
    },
    async safeEncodeAsync(data, params) {
        return parse_safeEncodeAsync(this, data, params);
    },
    async safeDecodeAsync(data, params) {
        return parse_safeDecodeAsync(this, data, params);
    },
    toJSONSchema(params) {
        return createToJSONSchemaMethod(this, {})(params);
    },
    // Reads through to the registry on every access, so it must not cache.
    get description() {
        return globalRegistry.get(this)?.description;
    },
    // No setter: `schema._def = x` throws, as it did when `_def` was a non-writable own property.
    get _def() {
        return this._zod.def;
    },
});
/** @internal */
const _ZodString = /*@__PURE__*/ $constructor("_ZodString", (inst, def) => {
    $ZodString.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => stringProcessor(inst, ctx, json, params);
}, 
/*@__PURE__*/ derived({
    format: (inst) => aggregateChecks(inst).format ?? null,
    minLength: (inst) => aggregateChecks(inst).minimum ?? null,
    maxLength: (inst) => aggregateChecks(inst).maximum ?? null,
}, {
    regex(...args) {
        return this.check(_regex(...args));
    },
    includes(...args) {
        return this.check(_includes(...args));
    },
    startsWith(...args) {
        return this.check(_startsWith(...args));
    },
    endsWith(...args) {
        return this.check(_endsWith(...args));
    },
    min(...args) {
        return this.check(_minLength(...args));
    },
    max(...args) {
        return this.check(_maxLength(...args));
    },
    length(...args) {
        return this.check(_length(...args));
    },
    nonempty(...args) {
        return this.check(_minLength(1, ...args));
    },
    lowercase(params) {
        return this.check(_lowercase(params));
    },
    uppercase(params) {
        return this.check(_uppercase(params));
    },
    trim() {
        return this.check(_trim());
    },
    normalize(...args) {
        return this.check(_normalize(...args));
    },
    toLowerCase() {
        return this.check(_toLowerCase());
    },
    toUpperCase() {
        return this.check(_toUpperCase());
    },
    slugify() {
        return this.check(_slugify());
    },
}));
const ZodString = /*@__PURE__*/ $constructor("ZodString", (inst, def) => {
    $ZodString.init(inst, def);
    _ZodString.init(inst, def);
}, {
    email(params) {
        return this.check(_email(ZodEmail, params));
    },
    url(params) {
        return this.check(_url(ZodURL, params));
    },
    jwt(params) {
        return this.check(_jwt(ZodJWT, params));
    },
    emoji(params) {
        return this.check(api_emoji(ZodEmoji, params));
    },
    guid(params) {
        return this.check(_guid(ZodGUID, params));
    },
    uuid(params) {
        return this.check(_uuid(ZodUUID, params));
    },
    uuidv4(params) {
        return this.check(_uuidv4(ZodUUID, params));
    },
    uuidv6(params) {
        return this.check(_uuidv6(ZodUUID, params));
    },
    uuidv7(params) {
        return this.check(_uuidv7(ZodUUID, params));
    },
    nanoid(params) {
        return this.check(_nanoid(ZodNanoID, params));
    },
    cuid(params) {
        return this.check(_cuid(ZodCUID, params));
    },
    cuid2(params) {
        return this.check(_cuid2(ZodCUID2, params));
    },
    ulid(params) {
        return this.check(_ulid(ZodULID, params));
    },
    base64(params) {
        return this.check(_base64(ZodBase64, params));
    },
    base64url(params) {
        return this.check(_base64url(ZodBase64URL, params));
    },
    xid(params) {
        return this.check(_xid(ZodXID, params));
    },
    ksuid(params) {
        return this.check(_ksuid(ZodKSUID, params));
    },
    ipv4(params) {
        return this.check(_ipv4(ZodIPv4, params));
    },
    ipv6(params) {
        return this.check(_ipv6(ZodIPv6, params));
    },
    cidrv4(params) {
        return this.check(_cidrv4(ZodCIDRv4, params));
    },
    cidrv6(params) {
        return this.check(_cidrv6(ZodCIDRv6, params));
    },
    e164(params) {
        return this.check(_e164(ZodE164, params));
    },
    datetime(params) {
        return this.check(_isoDateTime(ZodISODateTime, params));
    },
    date(params) {
        return this.check(_isoDate(schemas_ZodISODate, params));
    },
    time(params) {
        return this.check(_isoTime(schemas_ZodISOTime, params));
    },
    duration(params) {
        return this.check(_isoDuration(schemas_ZodISODuration, params));
    },
});
function schemas_string(params) {
    return _string(ZodString, params);
}
const ZodStringFormat = /*@__PURE__*/ $constructor("ZodStringFormat", (inst, def) => {
    $ZodStringFormat.init(inst, def);
    _ZodString.init(inst, def);
});
const ZodISODateTime = /*@__PURE__*/ $constructor("ZodISODateTime", (inst, def) => {
    $ZodISODateTime.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const schemas_ZodISODate = /*@__PURE__*/ $constructor("ZodISODate", (inst, def) => {
    $ZodISODate.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const schemas_ZodISOTime = /*@__PURE__*/ $constructor("ZodISOTime", (inst, def) => {
    $ZodISOTime.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const schemas_ZodISODuration = /*@__PURE__*/ $constructor("ZodISODuration", (inst, def) => {
    $ZodISODuration.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodEmail = /*@__PURE__*/ $constructor("ZodEmail", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodEmail.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_email(params) {
    return core._email(ZodEmail, params);
}
const ZodGUID = /*@__PURE__*/ $constructor("ZodGUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodGUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_guid(params) {
    return core._guid(ZodGUID, params);
}
const ZodUUID = /*@__PURE__*/ $constructor("ZodUUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodUUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_uuid(params) {
    return core._uuid(ZodUUID, params);
}
function uuidv4(params) {
    return core._uuidv4(ZodUUID, params);
}
// ZodUUIDv6
function uuidv6(params) {
    return core._uuidv6(ZodUUID, params);
}
// ZodUUIDv7
function uuidv7(params) {
    return core._uuidv7(ZodUUID, params);
}
const ZodURL = /*@__PURE__*/ $constructor("ZodURL", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodURL.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function url(params) {
    return core._url(ZodURL, params);
}
function httpUrl(params) {
    return core._url(ZodURL, {
        protocol: regexes.httpProtocol,
        hostname: regexes.domain,
        ...util.normalizeParams(params),
    });
}
const ZodEmoji = /*@__PURE__*/ $constructor("ZodEmoji", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodEmoji.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_emoji(params) {
    return core._emoji(ZodEmoji, params);
}
const ZodNanoID = /*@__PURE__*/ $constructor("ZodNanoID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodNanoID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_nanoid(params) {
    return core._nanoid(ZodNanoID, params);
}
/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link ZodCUID2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
const ZodCUID = /*@__PURE__*/ $constructor("ZodCUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodCUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
/**
 * Validates a CUID v1 string.
 *
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link cuid2 | `z.cuid2()`} instead.
 * See https://github.com/paralleldrive/cuid.
 */
function schemas_cuid(params) {
    return core._cuid(ZodCUID, params);
}
const ZodCUID2 = /*@__PURE__*/ $constructor("ZodCUID2", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodCUID2.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_cuid2(params) {
    return core._cuid2(ZodCUID2, params);
}
const ZodULID = /*@__PURE__*/ $constructor("ZodULID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodULID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_ulid(params) {
    return core._ulid(ZodULID, params);
}
const ZodXID = /*@__PURE__*/ $constructor("ZodXID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodXID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_xid(params) {
    return core._xid(ZodXID, params);
}
const ZodKSUID = /*@__PURE__*/ $constructor("ZodKSUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodKSUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_ksuid(params) {
    return core._ksuid(ZodKSUID, params);
}
const ZodIPv4 = /*@__PURE__*/ $constructor("ZodIPv4", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodIPv4.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_ipv4(params) {
    return core._ipv4(ZodIPv4, params);
}
const ZodMAC = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMAC", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    core.$ZodMAC.init(inst, def);
    ZodStringFormat.init(inst, def);
})));
function schemas_mac(params) {
    return core._mac(ZodMAC, params);
}
const ZodIPv6 = /*@__PURE__*/ $constructor("ZodIPv6", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodIPv6.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_ipv6(params) {
    return core._ipv6(ZodIPv6, params);
}
const ZodCIDRv4 = /*@__PURE__*/ $constructor("ZodCIDRv4", (inst, def) => {
    $ZodCIDRv4.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_cidrv4(params) {
    return core._cidrv4(ZodCIDRv4, params);
}
const ZodCIDRv6 = /*@__PURE__*/ $constructor("ZodCIDRv6", (inst, def) => {
    $ZodCIDRv6.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_cidrv6(params) {
    return core._cidrv6(ZodCIDRv6, params);
}
const ZodBase64 = /*@__PURE__*/ $constructor("ZodBase64", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodBase64.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_base64(params) {
    return core._base64(ZodBase64, params);
}
const ZodBase64URL = /*@__PURE__*/ $constructor("ZodBase64URL", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodBase64URL.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_base64url(params) {
    return core._base64url(ZodBase64URL, params);
}
const ZodE164 = /*@__PURE__*/ $constructor("ZodE164", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodE164.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_e164(params) {
    return core._e164(ZodE164, params);
}
const ZodCreditCard = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodCreditCard", (inst, def) => {
    core.$ZodCreditCard.init(inst, def);
    ZodStringFormat.init(inst, def);
})));
function schemas_creditCard(params) {
    return core._creditCard(ZodCreditCard, params);
}
const ZodIBAN = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodIBAN", (inst, def) => {
    core.$ZodIBAN.init(inst, def);
    ZodStringFormat.init(inst, def);
})));
function schemas_iban(params) {
    return core._iban(ZodIBAN, params);
}
const ZodJWT = /*@__PURE__*/ $constructor("ZodJWT", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodJWT.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function jwt(params) {
    return core._jwt(ZodJWT, params);
}
const ZodCustomStringFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodCustomStringFormat", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    core.$ZodCustomStringFormat.init(inst, def);
    ZodStringFormat.init(inst, def);
})));
function stringFormat(format, fnOrRegex, _params = {}) {
    return core._stringFormat(ZodCustomStringFormat, format, fnOrRegex, _params);
}
function schemas_hostname(_params) {
    return core._stringFormat(ZodCustomStringFormat, "hostname", regexes.hostname, _params);
}
function schemas_hex(_params) {
    return core._stringFormat(ZodCustomStringFormat, "hex", regexes.hex, _params);
}
function schemas_currencyCode(_params) {
    return core._stringFormat(ZodCustomStringFormat, "currency_code", regexes.currencyCode, _params);
}
function hash(alg, params) {
    const enc = params?.enc ?? "hex";
    const format = `${alg}_${enc}`;
    const regex = core.regexes[format];
    if (!regex)
        throw new Error(`Unrecognized hash format: ${format}`);
    return core._stringFormat(ZodCustomStringFormat, format, regex, params);
}
const ZodNumber = /*@__PURE__*/ $constructor("ZodNumber", (inst, def) => {
    $ZodNumber.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => numberProcessor(inst, ctx, json, params);
    inst.isFinite = true;
}, 
/*@__PURE__*/ derived({
    minValue: (inst) => {
        const { minimum, exclusiveMinimum } = aggregateChecks(inst);
        return Math.max(minimum ?? Number.NEGATIVE_INFINITY, exclusiveMinimum ?? Number.NEGATIVE_INFINITY);
    },
    maxValue: (inst) => {
        const { maximum, exclusiveMaximum } = aggregateChecks(inst);
        return Math.min(maximum ?? Number.POSITIVE_INFINITY, exclusiveMaximum ?? Number.POSITIVE_INFINITY);
    },
    isInt: (inst) => {
        const { isInt, multipleOf } = aggregateChecks(inst);
        return !!isInt || !!multipleOf?.some(Number.isSafeInteger);
    },
    format: (inst) => aggregateChecks(inst).format ?? null,
}, {
    gt(value, params) {
        return this.check(_gt(value, params));
    },
    gte(value, params) {
        return this.check(_gte(value, params));
    },
    min(value, params) {
        return this.check(_gte(value, params));
    },
    lt(value, params) {
        return this.check(_lt(value, params));
    },
    lte(value, params) {
        return this.check(_lte(value, params));
    },
    max(value, params) {
        return this.check(_lte(value, params));
    },
    int(params) {
        return this.check(schemas_int(params));
    },
    safe(params) {
        return this.check(schemas_int(params));
    },
    positive(params) {
        return this.check(_gt(0, params));
    },
    nonnegative(params) {
        return this.check(_gte(0, params));
    },
    negative(params) {
        return this.check(_lt(0, params));
    },
    nonpositive(params) {
        return this.check(_lte(0, params));
    },
    multipleOf(value, params) {
        return this.check(_multipleOf(value, params));
    },
    step(value, params) {
        return this.check(_multipleOf(value, params));
    },
    finite() {
        return this;
    },
}));
function schemas_number(params) {
    return _number(ZodNumber, params);
}
const ZodNumberFormat = /*@__PURE__*/ $constructor("ZodNumberFormat", (inst, def) => {
    $ZodNumberFormat.init(inst, def);
    ZodNumber.init(inst, def);
});
function schemas_int(params) {
    return _int(ZodNumberFormat, params);
}
function float32(params) {
    return core._float32(ZodNumberFormat, params);
}
function float64(params) {
    return core._float64(ZodNumberFormat, params);
}
function int32(params) {
    return core._int32(ZodNumberFormat, params);
}
function uint32(params) {
    return core._uint32(ZodNumberFormat, params);
}
const ZodBoolean = /*@__PURE__*/ $constructor("ZodBoolean", (inst, def) => {
    $ZodBoolean.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => booleanProcessor(inst, ctx, json, params);
});
function schemas_boolean(params) {
    return _boolean(ZodBoolean, params);
}
const ZodBigInt = /*@__PURE__*/ $constructor("ZodBigInt", (inst, def) => {
    $ZodBigInt.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => bigintProcessor(inst, ctx, json, params);
}, 
/*@__PURE__*/ derived({
    minValue: (inst) => aggregateChecks(inst).minimum ?? null,
    maxValue: (inst) => aggregateChecks(inst).maximum ?? null,
    format: (inst) => aggregateChecks(inst).format ?? null,
}, {
    gte(value, params) {
        return this.check(_gte(value, params));
    },
    min(value, params) {
        return this.check(_gte(value, params));
    },
    gt(value, params) {
        return this.check(_gt(value, params));
    },
    lt(value, params) {
        return this.check(_lt(value, params));
    },
    lte(value, params) {
        return this.check(_lte(value, params));
    },
    max(value, params) {
        return this.check(_lte(value, params));
    },
    positive(params) {
        return this.check(_gt(BigInt(0), params));
    },
    negative(params) {
        return this.check(_lt(BigInt(0), params));
    },
    nonpositive(params) {
        return this.check(_lte(BigInt(0), params));
    },
    nonnegative(params) {
        return this.check(_gte(BigInt(0), params));
    },
    multipleOf(value, params) {
        return this.check(_multipleOf(value, params));
    },
}));
function schemas_bigint(params) {
    return core._bigint(ZodBigInt, params);
}
const ZodBigIntFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodBigIntFormat", (inst, def) => {
    core.$ZodBigIntFormat.init(inst, def);
    ZodBigInt.init(inst, def);
})));
function int64(params) {
    return core._int64(ZodBigIntFormat, params);
}
function uint64(params) {
    return core._uint64(ZodBigIntFormat, params);
}
const ZodSymbol = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodSymbol", (inst, def) => {
    core.$ZodSymbol.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.symbolProcessor(inst, ctx, json, params);
})));
function symbol(params) {
    return core._symbol(ZodSymbol, params);
}
const ZodUndefined = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodUndefined", (inst, def) => {
    core.$ZodUndefined.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.undefinedProcessor(inst, ctx, json, params);
})));
function schemas_undefined(params) {
    return core._undefined(ZodUndefined, params);
}

const ZodNull = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodNull", (inst, def) => {
    core.$ZodNull.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.nullProcessor(inst, ctx, json, params);
})));
function schemas_null(params) {
    return core._null(ZodNull, params);
}

const ZodAny = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodAny", (inst, def) => {
    core.$ZodAny.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.anyProcessor(inst, ctx, json, params);
})));
function any() {
    return core._any(ZodAny);
}
const ZodUnknown = /*@__PURE__*/ $constructor("ZodUnknown", (inst, def) => {
    $ZodUnknown.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => unknownProcessor(inst, ctx, json, params);
});
function unknown() {
    return _unknown(ZodUnknown);
}
const ZodNever = /*@__PURE__*/ $constructor("ZodNever", (inst, def) => {
    $ZodNever.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => neverProcessor(inst, ctx, json, params);
});
function never(params) {
    return _never(ZodNever, params);
}
const ZodVoid = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodVoid", (inst, def) => {
    core.$ZodVoid.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.voidProcessor(inst, ctx, json, params);
})));
function schemas_void(params) {
    return core._void(ZodVoid, params);
}

const ZodDate = /*@__PURE__*/ $constructor("ZodDate", (inst, def) => {
    $ZodDate.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => dateProcessor(inst, ctx, json, params);
    inst.min = (value, params) => inst.check(_gte(value, params));
    inst.max = (value, params) => inst.check(_lte(value, params));
}, 
/*@__PURE__*/ derived({
    minDate: (inst) => {
        const { minimum } = aggregateChecks(inst);
        return minimum ? new Date(minimum) : null;
    },
    maxDate: (inst) => {
        const { maximum } = aggregateChecks(inst);
        return maximum ? new Date(maximum) : null;
    },
}, {}));
function schemas_date(params) {
    return core._date(ZodDate, params);
}
const ZodArray = /*@__PURE__*/ $constructor("ZodArray", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodArray.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => arrayProcessor(inst, ctx, json, params);
    inst.element = def.element;
}, {
    min(n, params) {
        return this.check(_minLength(n, params));
    },
    nonempty(params) {
        return this.check(_minLength(1, params));
    },
    max(n, params) {
        return this.check(_maxLength(n, params));
    },
    length(n, params) {
        return this.check(_length(n, params));
    },
    unwrap() {
        return this.element;
    },
});
function array(element, params) {
    return _array(ZodArray, element, params);
}
// .keyof
function keyof(schema) {
    const shape = schema._zod.def.shape;
    return schemas_enum(Object.keys(shape));
}
const ZodObject = /*@__PURE__*/ $constructor("ZodObject", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodObjectJIT.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => objectProcessor(inst, ctx, json, params);
    installLazyProp(inst, "shape", (self) => self._zod.def.shape, false);
}, {
    keyof() {
        return schemas_enum(Object.keys(this._zod.def.shape));
    },
    catchall(catchall) {
        // `mergeDefs` rather than a spread: spreading reads `shape`, and resolving it can mint a whole fresh subtree
        return this.clone(mergeDefs(this._zod.def, { catchall: catchall }));
    },
    passthrough() {
        return this.clone(mergeDefs(this._zod.def, { catchall: unknown() }));
    },
    loose() {
        return this.clone(mergeDefs(this._zod.def, { catchall: unknown() }));
    },
    strict() {
        return this.clone(mergeDefs(this._zod.def, { catchall: never() }));
    },
    strip() {
        return this.clone(mergeDefs(this._zod.def, { catchall: undefined }));
    },
    extend(incoming) {
        return extend(this, incoming);
    },
    safeExtend(incoming) {
        return safeExtend(this, incoming);
    },
    merge(other) {
        return merge(this, other);
    },
    pick(mask) {
        return pick(this, mask);
    },
    omit(mask) {
        return omit(this, mask);
    },
    partial(...args) {
        return partial(ZodOptional, this, args[0]);
    },
    exactPartial(...args) {
        return partial(ZodExactOptional, this, args[0], "exactPartial");
    },
    required(...args) {
        return required(ZodNonOptional, this, args[0]);
    },
});
function object(shape, params) {
    const def = {
        type: "object",
        shape: shape ?? {},
        ...normalizeParams(params),
    };
    return new ZodObject(def);
}
// strictObject
function strictObject(shape, params) {
    return new ZodObject({
        type: "object",
        shape,
        catchall: never(),
        ...normalizeParams(params),
    });
}
// looseObject
function looseObject(shape, params) {
    return new ZodObject({
        type: "object",
        shape,
        catchall: unknown(),
        ...util.normalizeParams(params),
    });
}
const ZodUnion = /*@__PURE__*/ $constructor("ZodUnion", (inst, def) => {
    $ZodUnion.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => unionProcessor(inst, ctx, json, params);
    inst.options = def.options;
});
function union(options, params) {
    return new ZodUnion({
        type: "union",
        options: options,
        ...normalizeParams(params),
    });
}
const ZodXor = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodXor", (inst, def) => {
    ZodUnion.init(inst, def);
    core.$ZodXor.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.unionProcessor(inst, ctx, json, params);
    inst.options = def.options;
})));
/** Creates an exclusive union (XOR) where exactly one option must match.
 * Unlike regular unions that succeed when any option matches, xor fails if
 * zero or more than one option matches the input. */
function xor(options, params) {
    return new ZodXor({
        type: "union",
        options: options,
        inclusive: false,
        ...util.normalizeParams(params),
    });
}
const ZodDiscriminatedUnion = /*@__PURE__*/ $constructor("ZodDiscriminatedUnion", (inst, def) => {
    ZodUnion.init(inst, def);
    $ZodDiscriminatedUnion.init(inst, def);
});
function discriminatedUnion(discriminator, options, params) {
    // const [options, params] = args;
    return new ZodDiscriminatedUnion({
        type: "union",
        options: options,
        discriminator,
        ...normalizeParams(params),
    });
}
const ZodIntersection = /*@__PURE__*/ $constructor("ZodIntersection", (inst, def) => {
    $ZodIntersection.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => intersectionProcessor(inst, ctx, json, params);
});
function intersection(left, right) {
    return new ZodIntersection({
        type: "intersection",
        left: left,
        right: right,
    });
}
const ZodTuple = /*@__PURE__*/ $constructor("ZodTuple", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodTuple.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => tupleProcessor(inst, ctx, json, params);
}, {
    rest(rest) {
        return this.clone({
            ...this._zod.def,
            rest: rest,
        });
    },
    partial() {
        const def = this._zod.def;
        // a refinement was authored against the full arity; partialing would run it on a shorter array
        if (def.checks?.length)
            throw new Error(".partial() cannot be used on tuple schemas containing refinements");
        return this.clone({
            ...def,
            items: def.items.map((item) => new ZodOptional({ type: "optional", innerType: item })),
        });
    },
});
function tuple(items, _paramsOrRest, _params) {
    const hasRest = _paramsOrRest instanceof $ZodType;
    const params = hasRest ? _params : _paramsOrRest;
    const rest = hasRest ? _paramsOrRest : null;
    return new ZodTuple({
        type: "tuple",
        items: items,
        rest,
        ...normalizeParams(params),
    });
}
const ZodRecord = /*@__PURE__*/ $constructor("ZodRecord", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodRecord.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => recordProcessor(inst, ctx, json, params);
    inst.keyType = def.keyType;
    inst.valueType = def.valueType;
});
function record(keyType, valueType, params) {
    // v3-compat: z.record(valueType, params?) — defaults keyType to z.string()
    if (!valueType || !valueType._zod) {
        return new ZodRecord({
            type: "record",
            keyType: schemas_string(),
            valueType: keyType,
            ...normalizeParams(valueType),
        });
    }
    return new ZodRecord({
        type: "record",
        keyType,
        valueType: valueType,
        ...normalizeParams(params),
    });
}
// type alksjf = core.output<core.$ZodRecordKey>;
function partialRecord(keyType, valueType, params) {
    return new ZodRecord({
        type: "record",
        keyType,
        valueType: valueType,
        ...util.normalizeParams(params),
        partial: true,
    });
}
function looseRecord(keyType, valueType, params) {
    return new ZodRecord({
        type: "record",
        keyType,
        valueType: valueType,
        mode: "loose",
        ...util.normalizeParams(params),
    });
}
const ZodMap = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMap", (inst, def) => {
    _ensureDefaultMemoizer();
    core.$ZodMap.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.mapProcessor(inst, ctx, json, params);
    inst.keyType = def.keyType;
    inst.valueType = def.valueType;
    inst.min = (...args) => inst.check(core._minSize(...args));
    inst.nonempty = (params) => inst.check(core._minSize(1, params));
    inst.max = (...args) => inst.check(core._maxSize(...args));
    inst.size = (...args) => inst.check(core._size(...args));
})));
function map(keyType, valueType, params) {
    return new ZodMap({
        type: "map",
        keyType: keyType,
        valueType: valueType,
        ...util.normalizeParams(params),
    });
}
const ZodSet = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodSet", (inst, def) => {
    _ensureDefaultMemoizer();
    core.$ZodSet.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.setProcessor(inst, ctx, json, params);
    inst.min = (...args) => inst.check(core._minSize(...args));
    inst.nonempty = (params) => inst.check(core._minSize(1, params));
    inst.max = (...args) => inst.check(core._maxSize(...args));
    inst.size = (...args) => inst.check(core._size(...args));
})));
function set(valueType, params) {
    return new ZodSet({
        type: "set",
        valueType: valueType,
        ...util.normalizeParams(params),
    });
}
const ZodEnum = /*@__PURE__*/ $constructor("ZodEnum", (inst, def) => {
    $ZodEnum.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => enumProcessor(inst, ctx, json, params);
    inst.enum = def.entries;
    // reuse the parsed value set so a numeric TS enum's reverse-mapping keys stay out
    inst.options = [...inst._zod.values];
    const keys = new Set(Object.keys(def.entries));
    inst.extract = (values, params) => {
        const newEntries = {};
        for (const value of values) {
            if (keys.has(value)) {
                newEntries[value] = def.entries[value];
            }
            else
                throw new Error(`Key ${value} not found in enum`);
        }
        return new ZodEnum({
            ...def,
            checks: [],
            ...normalizeParams(params),
            entries: newEntries,
        });
    };
    inst.exclude = (values, params) => {
        const newEntries = { ...def.entries };
        for (const value of values) {
            if (keys.has(value)) {
                delete newEntries[value];
            }
            else
                throw new Error(`Key ${value} not found in enum`);
        }
        return new ZodEnum({
            ...def,
            checks: [],
            ...normalizeParams(params),
            entries: newEntries,
        });
    };
});
function schemas_enum(values, params) {
    const entries = Array.isArray(values) ? Object.fromEntries(values.map((v) => [v, v])) : values;
    return new ZodEnum({
        type: "enum",
        entries,
        ...normalizeParams(params),
    });
}

/** @deprecated This API has been merged into `z.enum()`. Use `z.enum()` instead.
 *
 * ```ts
 * enum Colors { red, green, blue }
 * z.enum(Colors);
 * ```
 */
function nativeEnum(entries, params) {
    return new ZodEnum({
        type: "enum",
        entries,
        ...util.normalizeParams(params),
    });
}
const ZodLiteral = /*@__PURE__*/ $constructor("ZodLiteral", (inst, def) => {
    $ZodLiteral.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => literalProcessor(inst, ctx, json, params);
    inst.values = new Set(def.values);
    Object.defineProperty(inst, "value", {
        get() {
            if (def.values.length > 1) {
                throw new Error("This schema contains multiple valid literal values. Use `.values` instead.");
            }
            return def.values[0];
        },
    });
});
function literal(value, params) {
    return new ZodLiteral({
        type: "literal",
        values: Array.isArray(value) ? value : [value],
        ...normalizeParams(params),
    });
}
const ZodFile = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodFile", (inst, def) => {
    core.$ZodFile.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.fileProcessor(inst, ctx, json, params);
    inst.min = (size, params) => inst.check(core._minSize(size, params));
    inst.max = (size, params) => inst.check(core._maxSize(size, params));
    inst.mime = (types, params) => inst.check(core._mime(Array.isArray(types) ? types : [types], params));
})));
function file(params) {
    return core._file(ZodFile, params);
}
const ZodTransform = /*@__PURE__*/ $constructor("ZodTransform", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodTransform.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => transformProcessor(inst, ctx, json, params);
    inst._zod.parse = (payload, _ctx) => {
        if (_ctx.direction === "backward") {
            throw new $ZodEncodeError(inst.constructor.name);
        }
        payload.addIssue = (issue) => {
            if (typeof issue === "string") {
                payload.issues.push(util_issue(issue, payload.value, def));
            }
            else {
                // for Zod 3 backwards compatibility
                const _issue = issue;
                if (_issue.fatal)
                    _issue.continue = false;
                _issue.code ?? (_issue.code = "custom");
                if (!("input" in _issue))
                    _issue.input = payload.value;
                _issue.inst ?? (_issue.inst = inst);
                // _issue.continue ??= true;
                payload.issues.push(util_issue(_issue));
            }
        };
        const output = def.transform(payload.value, payload);
        if (output instanceof Promise) {
            return output.then((output) => {
                payload.value = output;
                return payload;
            });
        }
        payload.value = output;
        return payload;
    };
});
function transform(fn) {
    return new ZodTransform({
        type: "transform",
        transform: fn,
    });
}
const ZodOptional = /*@__PURE__*/ $constructor("ZodOptional", (inst, def) => {
    $ZodOptional.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => optionalProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function optional(innerType) {
    return new ZodOptional({
        type: "optional",
        innerType: innerType,
    });
}
const ZodExactOptional = /*@__PURE__*/ $constructor("ZodExactOptional", (inst, def) => {
    $ZodExactOptional.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => optionalProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function exactOptional(innerType) {
    return new ZodExactOptional({
        type: "optional",
        innerType: innerType,
    });
}
const ZodNullable = /*@__PURE__*/ $constructor("ZodNullable", (inst, def) => {
    $ZodNullable.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => nullableProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function nullable(innerType) {
    return new ZodNullable({
        type: "nullable",
        innerType: innerType,
    });
}
// nullish
function schemas_nullish(innerType) {
    return optional(nullable(innerType));
}
const ZodDefault = /*@__PURE__*/ $constructor("ZodDefault", (inst, def) => {
    $ZodDefault.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => defaultProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
    inst.removeDefault = inst.unwrap;
});
function schemas_default(innerType, defaultValue) {
    return new ZodDefault({
        type: "default",
        innerType: innerType,
        get defaultValue() {
            return typeof defaultValue === "function" ? defaultValue() : shallowClone(defaultValue);
        },
    });
}
const ZodPrefault = /*@__PURE__*/ $constructor("ZodPrefault", (inst, def) => {
    $ZodPrefault.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => prefaultProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function prefault(innerType, defaultValue) {
    return new ZodPrefault({
        type: "prefault",
        innerType: innerType,
        get defaultValue() {
            return typeof defaultValue === "function" ? defaultValue() : shallowClone(defaultValue);
        },
    });
}
const ZodNonOptional = /*@__PURE__*/ $constructor("ZodNonOptional", (inst, def) => {
    $ZodNonOptional.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => nonoptionalProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function nonoptional(innerType, params) {
    return new ZodNonOptional({
        type: "nonoptional",
        innerType: innerType,
        ...normalizeParams(params),
    });
}
const ZodSuccess = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodSuccess", (inst, def) => {
    core.$ZodSuccess.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.successProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
})));
function success(innerType) {
    return new ZodSuccess({
        type: "success",
        innerType: innerType,
    });
}
const ZodCatch = /*@__PURE__*/ $constructor("ZodCatch", (inst, def) => {
    $ZodCatch.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => catchProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
    inst.removeCatch = inst.unwrap;
});
function schemas_catch(innerType, catchValue) {
    return new ZodCatch({
        type: "catch",
        innerType: innerType,
        catchValue: (typeof catchValue === "function" ? catchValue : constantCatch(catchValue)),
    });
}

const ZodNaN = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodNaN", (inst, def) => {
    core.$ZodNaN.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.nanProcessor(inst, ctx, json, params);
})));
function nan(params) {
    return core._nan(ZodNaN, params);
}
const ZodPipe = /*@__PURE__*/ $constructor("ZodPipe", (inst, def) => {
    $ZodPipe.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => pipeProcessor(inst, ctx, json, params);
    inst.in = def.in;
    inst.out = def.out;
});
function pipe(in_, out) {
    return new ZodPipe({
        type: "pipe",
        in: in_,
        out: out,
        // ...util.normalizeParams(params),
    });
}
const ZodCodec = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodCodec", (inst, def) => {
    ZodPipe.init(inst, def);
    core.$ZodCodec.init(inst, def);
})));
function codec(in_, out, params) {
    return new ZodCodec({
        type: "pipe",
        in: in_,
        out: out,
        transform: params.decode,
        reverseTransform: params.encode,
    });
}
function invertCodec(codec) {
    const def = codec._zod.def;
    return new ZodCodec({
        type: "pipe",
        in: def.out,
        out: def.in,
        transform: def.reverseTransform,
        reverseTransform: def.transform,
    });
}
const ZodPreprocess = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodPreprocess", (inst, def) => {
    ZodPipe.init(inst, def);
    core.$ZodPreprocess.init(inst, def);
})));
const ZodReadonly = /*@__PURE__*/ $constructor("ZodReadonly", (inst, def) => {
    $ZodReadonly.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => readonlyProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function readonly(innerType) {
    return new ZodReadonly({
        type: "readonly",
        innerType: innerType,
    });
}
const ZodTemplateLiteral = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodTemplateLiteral", (inst, def) => {
    core.$ZodTemplateLiteral.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.templateLiteralProcessor(inst, ctx, json, params);
})));
function templateLiteral(parts, params) {
    return new ZodTemplateLiteral({
        type: "template_literal",
        parts,
        ...util.normalizeParams(params),
    });
}
const ZodLazy = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodLazy", (inst, def) => {
    core.$ZodLazy.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.lazyProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.getter();
})));
function lazy(getter) {
    return new ZodLazy({
        type: "lazy",
        getter: getter,
    });
}
const ZodPromise = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodPromise", (inst, def) => {
    core.$ZodPromise.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.promiseProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
})));
function promise(innerType) {
    return new ZodPromise({
        type: "promise",
        innerType: innerType,
    });
}
const ZodFunction = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodFunction", (inst, def) => {
    core.$ZodFunction.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.functionProcessor(inst, ctx, json, params);
})));
function _function(params) {
    return new ZodFunction({
        type: "function",
        input: Array.isArray(params?.input) ? tuple(params?.input) : (params?.input ?? array(unknown())),
        output: params?.output ?? unknown(),
    });
}

const ZodCustom = /*@__PURE__*/ $constructor("ZodCustom", (inst, def) => {
    $ZodCustom.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => customProcessor(inst, ctx, json, params);
});
// custom checks
function check(fn) {
    const ch = new core.$ZodCheck({
        check: "custom",
        // ...util.normalizeParams(params),
    });
    ch._zod.check = fn;
    return ch;
}
function custom(fn, _params) {
    return core._custom(ZodCustom, fn ?? (() => true), _params);
}
function refine(fn, _params = {}) {
    return _refine(ZodCustom, fn, _params);
}
// superRefine
function superRefine(fn, params) {
    return _superRefine(fn, params);
}
// Re-export describe and meta from core
const schemas_describe = describe;
const schemas_meta = meta;
const ZodInstanceOf = /*@__PURE__*/ $constructor("ZodInstanceOf", (inst, def) => {
    ZodCustom.init(inst, def);
}, {
    properties(shape, params) {
        // asserts in place, so the narrowed output type is truthful without a wrapper
        return this.check(_properties(shape, params));
    },
});
function _instanceof(cls, params = {}) {
    const inst = new ZodInstanceOf({
        type: "custom",
        check: "custom",
        fn: (data) => data instanceof cls,
        abort: true,
        ...util.normalizeParams(params),
    });
    inst._zod.bag.Class = cls;
    // Override check to emit invalid_type instead of custom
    inst._zod.check = (payload) => {
        if (!(payload.value instanceof cls)) {
            payload.issues.push({
                code: "invalid_type",
                expected: cls.name,
                input: payload.value,
                inst,
                path: [...(inst._zod.def.path ?? [])],
            });
        }
    };
    return inst;
}

// stringbool
const stringbool = (...args) => core._stringbool({
    Codec: ZodCodec,
    Boolean: ZodBoolean,
    String: ZodString,
}, ...args);
function json(params) {
    const jsonSchema = lazy(() => {
        return union([schemas_string(params), schemas_number(), schemas_boolean(), schemas_null(), array(jsonSchema), record(schemas_string(), jsonSchema)]);
    });
    return jsonSchema;
}
// preprocess
function preprocess(fn, schema) {
    return new ZodPreprocess({
        type: "pipe",
        in: transform(fn),
        out: schema,
    });
}

;// CONCATENATED MODULE: ../main/node_modules/zod/v4/classic/iso.js



function iso_datetime(params) {
    return _isoDateTime(ZodISODateTime, params);
}
function iso_date(params) {
    return core._isoDate(ZodISODate, params);
}
function iso_time(params) {
    return core._isoTime(ZodISOTime, params);
}
function iso_duration(params) {
    return core._isoDuration(ZodISODuration, params);
}

;// CONCATENATED MODULE: ./src/base/errors.ts
// The message of anything thrown, Error or not: every one-line error and warning goes through it.
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}

;// CONCATENATED MODULE: ./src/results/schema.ts
// The results file's schema (version 1) as zod, mirroring `Results` in model.ts, and
// `parseResults`, which turns any external JSON (a baseline file, a cache entry) into `Results`
// or throws one line naming the source, the place and the problem.
//
// Objects strip unknown keys rather than reject them: a later 1.x writer may add optional
// fields, and an older reader should still compare against its file.


const RESULTS_SCHEMA_ID = 'malloc-matrix/results';
const RESULTS_VERSION = 1;
const count = schemas_int().nonnegative();
/** Milliseconds or KiB: finite (zod rejects NaN and Infinity) and never negative. */
const measure = schemas_number().nonnegative();
const libc = schemas_enum(['musl', 'glibc']).describe('The C library a cell or environment runs under.');
const executor = schemas_enum(['docker', 'host']);
const timestamp = iso_datetime({ offset: true });
const command = discriminatedUnion('kind', [
    object({ kind: literal('shell'), script: schemas_string() }),
    object({ kind: literal('argv'), argv: array(schemas_string()).min(1) }),
])
    .describe('What was measured: a shell script, or a program and its arguments.');
const allocatorRequest = discriminatedUnion('kind', [
    object({ name: schemas_string().min(1), kind: literal('builtin') }),
    object({ name: schemas_string().min(1), kind: literal('custom'), path: schemas_string().min(1) }),
]);
const tracedProcess = object({
    pid: schemas_int(),
    exe: schemas_string(),
    execs: count,
    static: schemas_boolean(),
    mapped: schemas_boolean(),
    preloadInEnv: schemas_boolean(),
})
    .describe('One process seen by the tracer during a proof run.');
const runRecord = object({
    kind: schemas_enum(['proof', 'warmup', 'measured']),
    round: schemas_int().min(-1).describe('Measured round index from 0; -1 for proof and warm-up runs.'),
    position: count.describe('Position of this run within its round, or the warm-up index.'),
    outcome: schemas_enum(['exited', 'signaled', 'timeout', 'oom', 'exec-error']),
    exitCode: schemas_int().nullable(),
    signal: schemas_int().nullable(),
    wallMs: measure,
    userMs: measure,
    sysMs: measure,
    maxRssKiB: measure,
    outputTail: schemas_string().optional(),
    error: schemas_string().optional(),
    processes: array(tracedProcess).optional(),
})
    .describe('One run of one variant. Times are milliseconds, memory KiB.');
const summary = object({
    n: count,
    median: measure,
    mean: measure,
    stddev: measure,
    min: measure,
    max: measure,
    mad: measure,
    ci95: tuple([measure, measure]).describe('95% confidence interval of the median (seeded bootstrap).'),
    outliers: array(count).describe('Indices of samples whose modified z-score exceeds 3.5.'),
})
    .describe('Summary statistics of one metric, in its unit (ms or KiB).');
const cellSummaries = object({ wall: summary, cpu: summary, user: summary, sys: summary, rss: summary });
const preloadProof = object({
    applied: schemas_boolean()
        .nullable()
        .describe('true: proven mapped; false: proven not applied; null: not checked.'),
    library: schemas_string().optional(),
    explanation: schemas_string().optional(),
    processes: array(tracedProcess).optional(),
});
const cellResult = object({
    libc,
    allocator: schemas_string().min(1),
    tree: schemas_enum(['head', 'base']),
    status: schemas_enum(['ok', 'partial', 'failed', 'timeout', 'oom', 'unavailable', 'not-applied']),
    reason: schemas_string().optional(),
    library: schemas_string().optional(),
    proof: preloadProof.optional(),
    runs: array(runRecord).describe('Every run (proof, warm-up, measured) in execution order.'),
    summary: cellSummaries.optional(),
    failedRuns: count,
    warnings: array(schemas_string())
        .optional()
        .describe('Notes that do not change the status, such as a slow first measured run.'),
})
    .describe('One libc x allocator x tree cell.');
const environmentInfo = object({
    libc,
    executor,
    image: schemas_string().optional(),
    imageDigest: schemas_string().optional(),
    osRelease: record(schemas_string(), schemas_string()).optional(),
    libcVersion: schemas_string().optional(),
    muslFlavor: schemas_string().optional(),
    allocators: record(schemas_string(), object({
        library: schemas_string().optional(),
        version: schemas_string().optional(),
        status: schemas_enum(['ready', 'unavailable']),
        reason: schemas_string().optional(),
    })),
    failure: schemas_string().optional(),
    setupLogTail: schemas_string().optional(),
})
    .describe('Facts about one libc environment (a container, or the host).');
const hostInfo = object({
    cpuModel: schemas_string(),
    cores: count,
    kernel: schemas_string(),
    arch: schemas_string(),
    os: schemas_string(),
});
const cellComparison = object({
    libc,
    allocator: schemas_string().min(1),
    metric: schemas_enum(['wall', 'cpu', 'rss']),
    verdict: schemas_enum(['regressed', 'improved', 'unchanged', 'inconclusive', 'not-comparable']),
    change: schemas_number().optional().describe('Relative change head/base - 1 (0.072 = +7.2%).'),
    interval: tuple([schemas_number(), schemas_number()]).optional(),
    pValue: schemas_number().min(0).max(1).optional(),
    paired: schemas_boolean(),
    reason: schemas_string().optional(),
});
const baselineInfo = object({
    kind: schemas_enum(['none', 'file', 'base', 'cache']),
    source: schemas_string().optional(),
    commit: schemas_string().optional(),
    createdAt: schemas_string().optional(),
    paired: schemas_boolean(),
    unavailableReason: schemas_string().optional(),
});
const resultsSchema = object({
    schema: literal(RESULTS_SCHEMA_ID),
    version: literal(RESULTS_VERSION),
    tool: object({ name: literal('malloc-matrix'), version: schemas_string() }),
    name: schemas_string(),
    command,
    startedAt: timestamp,
    finishedAt: timestamp,
    seed: schemas_int().describe('Seed of the round-order shuffle and the bootstrap.'),
    config: object({
        executor,
        libcs: array(libc),
        allocators: array(allocatorRequest),
        runs: count,
        warmup: count,
        timeoutMs: count,
        metric: schemas_enum(['wall', 'cpu']),
        envKeys: array(schemas_string()),
        setup: schemas_string().optional(),
        images: object({ musl: schemas_string().optional(), glibc: schemas_string().optional() }).optional(),
    }),
    host: hostInfo,
    environments: array(environmentInfo),
    cells: array(cellResult),
    baseline: baselineInfo.optional(),
    comparisons: array(cellComparison).optional(),
    fatalError: schemas_string().optional().describe('Set when the run as a whole could not be carried out.'),
    git: object({ head: schemas_string().optional(), base: schemas_string().optional(), pr: schemas_int().positive().optional() })
        .optional(),
})
    .meta({
    title: 'malloc-matrix results',
    description: 'Everything one malloc-matrix run measured: every run of every libc x allocator cell, ' +
        'their statistics, the environments, and the comparison against a baseline.',
});
const schemaMatchesModel = true;
void schemaMatchesModel;
/**
 * Validate `json` (the text of a file, or an already parsed value) as a version 1 results file.
 * `source` names where it came from, e.g. `baseline file x.json`; every error starts with it.
 */
function parseResults(json, source) {
    const value = typeof json === 'string' ? parseJsonText(json, source) : json;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new Error(`${source}: expected a JSON object, got ${describeValue(value)}`);
    }
    const record = value;
    if (record.schema !== RESULTS_SCHEMA_ID) {
        throw new Error(`${source}: not a malloc-matrix results file (schema is ${describeValue(record.schema)}, expected "${RESULTS_SCHEMA_ID}")`);
    }
    checkVersion(record.version, source);
    const parsed = resultsSchema.safeParse(value);
    if (!parsed.success)
        throw new Error(`${source}: ${describeIssues(parsed.error.issues, value)}`);
    return parsed.data;
}
function parseJsonText(text, source) {
    if (text.trim() === '')
        throw new Error(`${source}: the file is empty (expected a results JSON object)`);
    try {
        return JSON.parse(text);
    }
    catch (error) {
        throw new Error(`${source}: not valid JSON (${messageOf(error)})`);
    }
}
function checkVersion(version, source) {
    if (version === RESULTS_VERSION)
        return;
    if (typeof version === 'number' && Number.isInteger(version) && version > RESULTS_VERSION) {
        throw new Error(`${source}: version ${version} is newer than this malloc-matrix understands (${RESULTS_VERSION}); upgrade malloc-matrix`);
    }
    throw new Error(`${source}: version ${describeValue(version)} is not supported (expected ${RESULTS_VERSION})`);
}
function describeIssues(issues, input) {
    const first = issues[0];
    if (first === undefined)
        return 'does not match the results schema';
    const place = formatPath(first.path);
    const actual = valueAt(input, first.path);
    const got = actual.found && isPrimitive(actual.value) ? ` (got ${describeValue(actual.value)})` : '';
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
    return `${place === '' ? '' : `${place}: `}${first.message}${got}${more}`;
}
/** `['cells', 3, 'status']` → `cells[3].status`. */
function formatPath(path) {
    let out = '';
    for (const key of path) {
        if (typeof key === 'number')
            out += `[${key}]`;
        else
            out += out === '' ? String(key) : `.${String(key)}`;
    }
    return out;
}
function valueAt(input, path) {
    let current = input;
    for (const key of path) {
        if (typeof current !== 'object' || current === null || !(key in current))
            return { found: false };
        current = current[key];
    }
    return { found: true, value: current };
}
function isPrimitive(value) {
    return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}
function describeValue(value) {
    if (value === undefined)
        return 'missing';
    if (Array.isArray(value))
        return 'an array';
    if (typeof value === 'object' && value !== null)
        return 'an object';
    if (typeof value === 'bigint')
        return `${value.toString()}n`;
    // JSON.stringify gives undefined for functions and symbols: name their type instead.
    const text = JSON.stringify(value) ?? typeof value;
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
/** The JSON Schema of a results file (draft 2020-12), committed as docs/results-schema.json. */
function resultsJsonSchema() {
    return z.toJSONSchema(resultsSchema, { target: 'draft-2020-12', io: 'input' });
}

;// CONCATENATED MODULE: ./src/results/io.ts
// Reading and writing results files. A write goes to a temporary file in the same directory,
// is flushed to disk and then renamed over the target, so that a reader (or a later run using
// the file as its baseline) sees either the old file or the whole new one, never half of it.





const nodeAtomicWriteFs = {
    async mkdir(dir) {
        await promises_namespaceObject.mkdir(dir, { recursive: true });
    },
    async create(file) {
        const handle = await promises_namespaceObject.open(file, 'wx', 0o644);
        return {
            writeFile: (data) => handle.writeFile(data, 'utf8'),
            sync: () => handle.sync(),
            close: () => handle.close(),
        };
    },
    rename: (from, to) => promises_namespaceObject.rename(from, to),
    unlink: (file) => promises_namespaceObject.unlink(file),
    async syncDirectory(dir) {
        const handle = await promises_namespaceObject.open(dir, 'r');
        try {
            await handle.sync();
        }
        catch (error) {
            // Some file systems cannot fsync a directory (EINVAL); the rename itself has happened, so
            // the file is complete either way and only its durability across a power cut is weaker.
            if (!isErrno(error, 'EINVAL'))
                throw error;
        }
        finally {
            await handle.close();
        }
    },
};
/** Serialize `results` exactly as written to disk: two-space indented JSON with a final newline. */
function serializeResults(results) {
    return `${JSON.stringify(results, null, 2)}\n`;
}
/**
 * Write `results` to `file` atomically, creating its directory. Invalid results (e.g. a NaN,
 * which JSON would turn into null) are refused, because nothing could read the file back.
 */
async function writeResultsAtomic(file, results, fs = nodeAtomicWriteFs) {
    const checked = resultsSchema.safeParse(results);
    if (!checked.success) {
        const issue = checked.error.issues[0];
        const where = issue === undefined ? '' : `${formatPath(issue.path)}: ${issue.message}`;
        throw new Error(`refusing to write invalid results to ${file}: ${where}`);
    }
    const dir = external_node_path_.dirname(file);
    const temp = external_node_path_.join(dir, `.${external_node_path_.basename(file)}.${process.pid}.${(0,external_node_crypto_.randomBytes)(4).toString('hex')}.tmp`);
    try {
        await fs.mkdir(dir);
    }
    catch (error) {
        throw new Error(`could not write results to ${file}: cannot create directory ${dir} (${errorText(error)})`);
    }
    let created = false;
    try {
        const handle = await fs.create(temp);
        created = true;
        try {
            await handle.writeFile(serializeResults(results));
            await handle.sync();
        }
        finally {
            await handle.close();
        }
        await fs.rename(temp, file);
        created = false;
    }
    catch (error) {
        const cleanup = created ? await removeQuietly(fs, temp) : '';
        throw new Error(`could not write results to ${file}: ${errorText(error)}; the previous file is unchanged${cleanup}`);
    }
    try {
        await fs.syncDirectory(dir);
    }
    catch (error) {
        throw new Error(`results were written to ${file} but its directory could not be flushed: ${errorText(error)}`);
    }
}
/** Remove a temporary file after a failed write; returns a note to append when even that fails. */
async function removeQuietly(fs, temp) {
    try {
        await fs.unlink(temp);
        return '';
    }
    catch (error) {
        return ` (and the temporary file ${temp} could not be removed: ${errorText(error)})`;
    }
}
/**
 * Read and validate a results file. `label` names the file's role in errors, e.g.
 * `baseline file` gives `baseline file x.json: version 2 is newer than ...`.
 */
async function readResultsFile(file, label = 'results file') {
    let text;
    try {
        text = await promises_namespaceObject.readFile(file, 'utf8');
    }
    catch (error) {
        if (isErrno(error, 'ENOENT'))
            throw new Error(`${label} ${file} does not exist`);
        if (isErrno(error, 'EISDIR'))
            throw new Error(`${label} ${file} is a directory, expected a JSON file`);
        throw new Error(`${label} ${file} could not be read: ${errorText(error)}`);
    }
    return parseResults(text, `${label} ${file}`);
}
function isErrno(error, code) {
    return typeof error === 'object' && error !== null && error.code === code;
}
function errorText(error) {
    return messageOf(error).replace(/\s*\n\s*/g, ' ');
}

;// CONCATENATED MODULE: ./src/baseline/cache-keys.ts
// Pure: the cache keys under which a run's results are saved for later `baseline: cache`
// comparisons, and the hash of the configuration that decides which runs are comparable.

/** GitHub's cache refuses longer keys. */
const MAX_KEY_LENGTH = 512;
const CONFIG_HASH = /^[0-9a-f]{16}$/;
const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
/** A short (16 hex digit) sha256 of the settings, independent of key order and list order. */
function configHash(input) {
    // Libcs and allocators are sets: rounds are shuffled, so the order they were listed in
    // measures nothing and must not split otherwise identical runs into separate baselines.
    const normalized = {
        command: input.command,
        setup: input.setup,
        images: input.images,
        allocators: [...input.allocators].map(canonicalJson).sort(),
        libcs: [...input.libcs].sort(),
        metric: input.metric,
        runs: input.runs,
    };
    return (0,external_node_crypto_.createHash)('sha256').update(canonicalJson(normalized)).digest('hex').slice(0, 16);
}
function configHashOf(results) {
    const { setup, images, allocators, libcs, metric, runs } = results.config;
    return configHash({ command: results.command, setup, images, allocators, libcs, metric, runs });
}
/** JSON with object keys sorted at every level and undefined members left out. */
function canonicalJson(value) {
    if (Array.isArray(value))
        return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
    if (typeof value === 'object' && value !== null) {
        const members = Object.keys(value)
            .sort()
            .filter((key) => value[key] !== undefined)
            .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
        return `{${members.join(',')}}`;
    }
    return JSON.stringify(value);
}
/**
 * A branch name as a key part: letters, digits, `.` and `_` stay, everything else (including
 * `-` and `/`) becomes `%XX`. Without `-` inside it, the prefix of `main` (`...-main-`) cannot
 * also match `main-old`, and `feature/x` and `feature-x` stay distinct.
 */
function encodeBranch(branch) {
    if (branch === '')
        throw new Error('cache key: the branch name is empty');
    let out = '';
    for (const byte of Buffer.from(branch, 'utf8')) {
        const char = String.fromCharCode(byte);
        out += /[A-Za-z0-9._]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
    return out;
}
/** `${prefix}-${configHash}-${branch}-`: what restores the newest baseline of a branch. */
function restoreKeys(parts) {
    checkPrefix(parts.prefix);
    if (!CONFIG_HASH.test(parts.configHash)) {
        throw new Error(`cache key: config hash "${parts.configHash}" is not 16 lowercase hex digits (from configHash())`);
    }
    return [checkLength(`${parts.prefix}-${parts.configHash}-${encodeBranch(parts.branch)}-`)];
}
/** `${prefix}-${configHash}-${branch}-${commit}`: one run's results, saved once. */
function cacheKey(parts) {
    if (!COMMIT.test(parts.commit)) {
        throw new Error(`cache key: commit "${parts.commit}" is not a full commit id (40 hex digits)`);
    }
    const [branchPrefix] = restoreKeys(parts);
    return checkLength(`${branchPrefix}${parts.commit.toLowerCase()}`);
}
function checkPrefix(prefix) {
    if (prefix === '' || /[,\s]/.test(prefix)) {
        throw new Error(`cache key: prefix "${prefix}" must be non-empty, without commas or white space`);
    }
}
function checkLength(key) {
    if (key.length > MAX_KEY_LENGTH) {
        throw new Error(`cache key: ${key.slice(0, 40)}... is ${key.length} characters, over the cache's ${MAX_KEY_LENGTH}`);
    }
    return key;
}

;// CONCATENATED MODULE: ./src/baseline/cache-stores.ts
// Where `baseline: cache` keeps results between runs: GitHub's Actions cache, or a directory
// that behaves like it (for the CLI and for tests).



/** GitHub's Actions cache. Loaded on first use, so that the CLI and tests never load it. */
function actionsCacheStore() {
    const load = async () => {
        const cache = await __nccwpck_require__.e(/* import() */ 585).then(__nccwpck_require__.bind(__nccwpck_require__, 1585));
        if (!cache.isFeatureAvailable()) {
            throw new Error('the GitHub Actions cache service is not available to this job');
        }
        return cache;
    };
    return {
        async save(paths, key) {
            const cache = await load();
            // saveCache reports some failures (another job reserved the key) as a warning and -1.
            if ((await cache.saveCache(paths, key)) === -1) {
                throw new Error(`the cache did not accept ${key} (its warning above says why)`);
            }
        },
        async restore(paths, primaryKey, restoreKeys) {
            const cache = await load();
            return cache.restoreCache(paths, primaryKey, restoreKeys);
        },
    };
}
const MANIFEST = 'manifest.json';
/**
 * A cache kept under `dir`, matching the way GitHub's does: entries are immutable, an entry
 * only restores into the same paths it was saved from, and a restore takes the exact primary
 * key, else the newest entry whose key starts with the primary key, else with each restore key
 * in turn.
 */
function fileSystemStore(dir) {
    const entryDir = (key) => external_node_path_.join(dir, (0,external_node_crypto_.createHash)('sha256').update(key).digest('hex').slice(0, 32));
    async function manifests() {
        let names;
        try {
            names = await (0,promises_namespaceObject.readdir)(dir);
        }
        catch (error) {
            if (error.code === 'ENOENT')
                return [];
            throw error;
        }
        const found = [];
        for (const name of names) {
            if (name.startsWith('.'))
                continue;
            const file = external_node_path_.join(dir, name, MANIFEST);
            let text;
            try {
                text = await (0,promises_namespaceObject.readFile)(file, 'utf8');
            }
            catch (error) {
                if (error.code === 'ENOENT')
                    continue;
                throw error;
            }
            found.push(parseManifest(text, file));
        }
        return found;
    }
    return {
        async save(paths, key) {
            checkKey(key);
            if (paths.length === 0)
                throw new Error(`cache ${dir}: nothing to save under ${key} (no paths)`);
            const target = entryDir(key);
            if (await exists(target))
                throw new Error(`cache ${dir}: an entry ${key} already exists (entries are immutable)`);
            const existing = await manifests();
            const sequence = Math.max(0, ...existing.map((m) => m.sequence)) + 1;
            // Build the entry beside its final place and rename it in, so a failed save leaves nothing.
            await (0,promises_namespaceObject.mkdir)(dir, { recursive: true });
            const staging = external_node_path_.join(dir, `.staging-${process.pid}-${sequence}-${Date.now()}`);
            try {
                for (const [index, source] of paths.entries()) {
                    if (!(await exists(source)))
                        throw new Error(`cache ${dir}: cannot save ${key}: ${source} does not exist`);
                    await (0,promises_namespaceObject.cp)(source, external_node_path_.join(staging, 'files', String(index)), { recursive: true });
                }
                const manifest = { key, paths: [...paths], sequence, savedAt: new Date().toISOString() };
                await (0,promises_namespaceObject.writeFile)(external_node_path_.join(staging, MANIFEST), JSON.stringify(manifest, null, 2));
                await (0,promises_namespaceObject.rename)(staging, target);
            }
            finally {
                await (0,promises_namespaceObject.rm)(staging, { recursive: true, force: true });
            }
        },
        async restore(paths, primaryKey, restoreKeys) {
            checkKey(primaryKey);
            const version = JSON.stringify(paths);
            const candidates = (await manifests()).filter((m) => JSON.stringify(m.paths) === version);
            const newestWithPrefix = (prefix) => candidates.filter((m) => m.key.startsWith(prefix)).sort((a, b) => b.sequence - a.sequence)[0];
            const match = candidates.find((m) => m.key === primaryKey) ??
                [primaryKey, ...restoreKeys].map(newestWithPrefix).find((m) => m !== undefined);
            if (match === undefined)
                return undefined;
            for (const [index, target] of paths.entries()) {
                await (0,promises_namespaceObject.rm)(target, { recursive: true, force: true });
                await (0,promises_namespaceObject.mkdir)(external_node_path_.dirname(target), { recursive: true });
                await (0,promises_namespaceObject.cp)(external_node_path_.join(entryDir(match.key), 'files', String(index)), target, { recursive: true });
            }
            return match.key;
        },
    };
}
function checkKey(key) {
    if (key === '' || key.includes(',') || key.length > 512) {
        throw new Error(`cache key "${key.slice(0, 60)}" is not valid: 1 to 512 characters, no commas`);
    }
}
function parseManifest(text, file) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (error) {
        throw new Error(`cache entry ${file} is not valid JSON (${error.message})`);
    }
    const m = value;
    if (typeof m !== 'object' ||
        m === null ||
        typeof m.key !== 'string' ||
        !Array.isArray(m.paths) ||
        typeof m.sequence !== 'number') {
        throw new Error(`cache entry ${file} lacks key, paths or sequence`);
    }
    return m;
}
async function exists(file) {
    try {
        await (0,promises_namespaceObject.stat)(file);
        return true;
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return false;
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/baseline/cache.ts
// `baseline: cache`: a push to the default branch saves its results; a pull request restores
// the newest results saved for its base branch and compares against them (unpaired). The cache
// is infrastructure: whatever goes wrong with it becomes a warning, never a failed run.








const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
async function saveBaseline(store, results, options) {
    if (options.eventName !== undefined && PULL_REQUEST_EVENTS.has(options.eventName)) {
        return { kind: 'skipped', reason: `a ${options.eventName} run does not save a baseline` };
    }
    if (results.fatalError !== undefined) {
        return { kind: 'skipped', reason: 'the run failed as a whole, so its results are no baseline' };
    }
    let key;
    try {
        key = cacheKey(options.key);
    }
    catch (error) {
        return { kind: 'failed', warning: `baseline not saved: ${messageOf(error)}` };
    }
    try {
        await writeResultsAtomic(options.file, results);
        await store.save([options.file], key);
        return { kind: 'saved', key };
    }
    catch (error) {
        return { kind: 'failed', warning: `baseline not saved to the cache as ${key}: ${messageOf(error)}` };
    }
}
async function restoreBaseline(store, options) {
    let prefixes;
    let primaryKey;
    try {
        prefixes = restoreKeys(options.key);
        const { commit } = options.key;
        primaryKey = commit === undefined ? prefixes[0] : cacheKey({ ...options.key, commit });
    }
    catch (error) {
        return { warning: `no cached baseline: ${messageOf(error)}` };
    }
    let key;
    try {
        // A file left by an earlier restore must not pass for this one's.
        await (0,promises_namespaceObject.rm)(options.file, { force: true });
        key = await store.restore([options.file], primaryKey, prefixes);
    }
    catch (error) {
        return { warning: `no cached baseline: the cache could not be read (${messageOf(error)})` };
    }
    if (key === undefined) {
        return {
            warning: `no cached baseline: nothing matches ${prefixes[0]} (a push to ${options.key.branch} saves one)`,
        };
    }
    let text;
    try {
        text = await (0,promises_namespaceObject.readFile)(options.file, 'utf8');
    }
    catch (error) {
        return {
            warning: `cached baseline ${key}: restored, but ${options.file} cannot be read (${messageOf(error)})`,
        };
    }
    let results;
    try {
        results = parseResults(text, `cached baseline ${key}`);
    }
    catch (error) {
        return { warning: `${messageOf(error)}; ignoring it` };
    }
    const hash = configHashOf(results);
    if (hash !== options.key.configHash) {
        return {
            warning: `cached baseline ${key} was measured with another configuration ` +
                `(config hash ${hash}, expected ${options.key.configHash}); ignoring it`,
        };
    }
    return { results, key };
}

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: ./src/baseline/git.ts
// Git for `baseline: base`: fetch the pull request's base commit (actions/checkout leaves a
// depth-1 clone without it) and check it out into a separate worktree, so base and head can be
// built and measured side by side. Every git call goes through the small `Git` interface.




/** The `git` on PATH. It never prompts: a fetch that needs credentials fails instead of hanging. */
function systemGit(executable = 'git') {
    return {
        run: (args, opts) => new Promise((resolve, reject) => {
            const child = (0,external_node_child_process_namespaceObject.spawn)(executable, [...args], {
                cwd: opts.cwd,
                env: { ...process.env, GIT_TERMINAL_PROMPT: '0', ...opts.env },
                stdio: ['ignore', 'pipe', 'pipe'],
            });
            const stdout = [];
            const stderr = [];
            child.stdout.on('data', (chunk) => stdout.push(chunk));
            child.stderr.on('data', (chunk) => stderr.push(chunk));
            child.on('error', (error) => reject(new Error(`could not run ${executable}: ${error.message}`)));
            child.on('close', (code, signal) => resolve({
                code: code ?? (signal === null ? 1 : 128),
                stdout: Buffer.concat(stdout).toString('utf8'),
                stderr: Buffer.concat(stderr).toString('utf8') + (signal === null ? '' : `killed by ${signal}`),
            }));
        }),
    };
}
const FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
function isFullCommitId(value) {
    return FULL_SHA.test(value);
}
/** The header value GitHub accepts for a token over HTTPS, as actions/checkout sends it. */
function basicAuthHeader(token) {
    return `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64')}`;
}
/** The git operations on one repository that a base-commit baseline needs. Failures throw one line. */
class GitRepository {
    git;
    dir;
    serverUrl;
    env;
    constructor(git, dir, options = {}) {
        this.git = git;
        this.dir = dir;
        this.serverUrl = (options.serverUrl ?? 'https://github.com').replace(/\/+$/, '');
        this.env = options.env ?? process.env;
    }
    /** The full commit id `rev` names, or undefined when it names no commit here. */
    async resolveCommit(rev) {
        if (rev.startsWith('-'))
            return undefined;
        const result = await this.git.run(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], {
            cwd: this.dir,
        });
        return result.code === 0 ? result.stdout.trim() : undefined;
    }
    async hasCommit(sha) {
        return (await this.resolveCommit(sha)) !== undefined;
    }
    async isShallow() {
        return ((await this.check(['rev-parse', '--is-shallow-repository'], 'check whether the clone is shallow')) ===
            'true');
    }
    /**
     * Fetch one commit from origin. The token travels in an extra HTTP header set through
     * GIT_CONFIG_COUNT/KEY/VALUE: not in the arguments (which logs and `ps` show), not in .git/config.
     */
    async fetchCommit(sha, token) {
        if (!isFullCommitId(sha))
            throw new Error(`cannot fetch "${sha}": expected a full commit id (40 hex digits)`);
        const args = ['fetch', '--no-tags', '--no-recurse-submodules', '--quiet'];
        if (await this.isShallow())
            args.push('--depth=1');
        args.push('origin', sha);
        const env = token === undefined || token === '' ? undefined : this.headerEnv(token);
        await this.check(args, `fetch ${sha.slice(0, 7)} from origin`, env);
    }
    /** Check `sha` out, detached, into `dir` (which must not exist or be empty). */
    async addWorktree(sha, dir) {
        await this.check(['worktree', 'add', '--detach', '--force', '--quiet', dir, sha], `check out ${sha.slice(0, 7)} into ${dir}`);
    }
    async removeWorktree(dir) {
        await this.check(['worktree', 'remove', '--force', dir], `remove the worktree ${dir}`);
    }
    async headCommit() {
        return this.check(['rev-parse', '--verify', 'HEAD^{commit}'], 'resolve HEAD');
    }
    /** The tree a commit records: equal trees mean base and head are the same code (an A/A run). */
    async treeHash(sha) {
        if (sha.startsWith('-'))
            throw new Error(`cannot read the tree of "${sha}": not a commit`);
        return this.check(['rev-parse', '--verify', `${sha}^{tree}`], `read the tree of ${sha.slice(0, 7)}`);
    }
    headerEnv(token) {
        const start = Number.parseInt(this.env.GIT_CONFIG_COUNT ?? '0', 10);
        const index = Number.isInteger(start) && start > 0 ? start : 0;
        return {
            GIT_CONFIG_COUNT: String(index + 1),
            [`GIT_CONFIG_KEY_${index}`]: `http.${this.serverUrl}/.extraheader`,
            [`GIT_CONFIG_VALUE_${index}`]: basicAuthHeader(token),
        };
    }
    /** Run git and return its trimmed stdout, or throw `could not <what>: <git's message>`. */
    async check(args, what, env) {
        const result = await this.git.run(args, env === undefined ? { cwd: this.dir } : { cwd: this.dir, env });
        if (result.code !== 0) {
            throw new GitCommandError(what, oneLine(result.stderr) || `git ${args[0]} exited with ${result.code}`);
        }
        return result.stdout.trim();
    }
}
/** A git command that failed: `could not <what>: <git's own message>`. */
class GitCommandError extends Error {
    detail;
    constructor(what, 
    /** Git's message, on one line. */
    detail) {
        super(`could not ${what}: ${detail}`);
        this.detail = detail;
        this.name = 'GitCommandError';
    }
}
function oneLine(text) {
    return text
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .join('; ');
}
/**
 * Check the base commit out into its own worktree, fetching it first when the clone lacks it.
 * Never throws: a base that cannot be had is reported as `{ error }` so the run goes on without it.
 */
async function prepareBaseTree(options) {
    const { baseSha, tmpDir } = options;
    if (!isFullCommitId(baseSha)) {
        return { error: `base commit "${baseSha}" is not a full commit id (expected 40 hex digits)` };
    }
    const short = baseSha.slice(0, 7);
    const repo = new GitRepository(options.git ?? systemGit(), options.repoDir, {
        serverUrl: options.serverUrl,
    });
    try {
        if (!(await repo.hasCommit(baseSha))) {
            try {
                await repo.fetchCommit(baseSha, options.token);
            }
            catch (error) {
                const why = error instanceof GitCommandError ? error.detail : messageOf(error);
                return { error: `base commit ${short} could not be fetched: ${why}` };
            }
            if (!(await repo.hasCommit(baseSha))) {
                return { error: `base commit ${short} could not be fetched: origin sent no such commit` };
            }
        }
        const sameTreeAsHead = (await repo.treeHash(baseSha)) === (await repo.treeHash('HEAD'));
        const dir = await (0,promises_namespaceObject.mkdtemp)(external_node_path_.join(tmpDir, `malloc-matrix-base-${short}-`));
        try {
            await repo.addWorktree(baseSha, dir);
        }
        catch (error) {
            await (0,promises_namespaceObject.rm)(dir, { recursive: true, force: true });
            return { error: `base commit ${short} could not be checked out: ${messageOf(error)}` };
        }
        return { dir, commit: baseSha.toLowerCase(), sameTreeAsHead };
    }
    catch (error) {
        return { error: `base commit ${short} could not be prepared: ${messageOf(error)}` };
    }
}
/** Remove a worktree made by prepareBaseTree, and git's record of it. */
async function removeBaseTree(repoDir, dir, git = systemGit()) {
    await new GitRepository(git, repoDir).removeWorktree(dir);
}

;// CONCATENATED MODULE: ./src/baseline/sources.ts
// Wires the baseline sources to the real world: results files, the base commit's worktree,
// and the cache (GitHub's in the action, a directory for the CLI).





function createBaselineSources(opts) {
    const { config, github } = opts;
    const storeDir = external_node_path_default().resolve(opts.cacheDir ?? external_node_path_default().join(external_node_os_default().homedir(), '.cache', 'malloc-matrix', 'baselines'));
    const store = opts.mode === 'action' ? actionsCacheStore() : fileSystemStore(storeDir);
    // Save and restore must name the same file: a cache restores entries only to the paths they
    // were saved from, so the path must be the same in every run (not under the run's own tmpDir).
    const cacheFile = external_node_path_default().join(opts.mode === 'action' ? (process.env.RUNNER_TEMP ?? external_node_os_default().tmpdir()) : external_node_os_default().tmpdir(), 'malloc-matrix-baseline', `${config.cacheKeyPrefix}.json`);
    let worktree;
    const hash = configHash({
        command: config.command,
        setup: config.setup,
        images: config.executor === 'docker'
            ? Object.fromEntries(opts.libcs.map((l) => [l, config.images[l]]))
            : undefined,
        allocators: config.allocators,
        libcs: opts.libcs,
        metric: config.metric,
        runs: config.runs,
    });
    return {
        readFile: (file) => readResultsFile(external_node_path_default().resolve(opts.workspace, file), 'baseline file'),
        async prepareBaseTree(baseSha) {
            const result = await prepareBaseTree({
                repoDir: opts.workspace,
                baseSha,
                token: config.githubToken,
                tmpDir: opts.tmpDir,
                serverUrl: github.serverUrl,
            });
            if ('dir' in result)
                worktree = result.dir;
            return result;
        },
        async cleanupBaseTree() {
            if (worktree)
                await removeBaseTree(opts.workspace, worktree).catch(() => undefined);
            worktree = undefined;
        },
        restoreCache: (branch) => restoreBaseline(store, {
            key: {
                prefix: config.cacheKeyPrefix,
                configHash: hash,
                branch,
                ...(github.baseSha ? { commit: github.baseSha } : {}),
            },
            file: cacheFile,
        }),
        async saveCache(results, log) {
            const outcome = await saveBaseline(store, results, {
                key: {
                    prefix: config.cacheKeyPrefix,
                    configHash: hash,
                    branch: github.branch ?? 'unknown',
                    commit: github.headSha ?? '',
                },
                eventName: github.eventName,
                file: cacheFile,
            });
            if (outcome.kind === 'saved')
                log.info(`Saved these results as the baseline (cache key ${outcome.key}).`);
            else if (outcome.kind === 'skipped')
                log.info(`Baseline not saved: ${outcome.reason}.`);
            else
                log.warning(outcome.warning);
        },
    };
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __nccwpck_require__(7975);
;// CONCATENATED MODULE: ./src/config/names.ts
// Names in one place: every input and output of action.yml, and the defaults the CLI applies
// when an input is not given. A test checks that action.yml declares exactly these.
const INPUT_DEFAULTS = {
    mode: 'benchmark',
    run: '',
    name: '',
    executor: 'docker',
    libcs: 'musl,glibc',
    allocators: '',
    runs: '10',
    warmup: '1',
    seed: 'random',
    timeout: '10m',
    env: '',
    'working-directory': '.',
    'image-musl': 'bellsoft/alpaquita-linux-base:stream-musl',
    'image-glibc': 'bellsoft/alpaquita-linux-base:stream-glibc',
    setup: '',
    pull: 'missing',
    'memory-limit': '',
    metric: 'wall',
    threshold: '5%',
    'memory-threshold': '10%',
    baseline: 'auto',
    retries: '1',
    'fail-on-regression': 'true',
    'allow-different-command': 'false',
    'require-baseline': 'false',
    'cache-key-prefix': 'malloc-matrix',
    comment: 'always',
    'github-token': '',
    'results-file': '',
    'pr-number': '',
    json: '',
    markdown: '',
};
const INPUT_NAMES = Object.keys(INPUT_DEFAULTS);
/** Inputs that only the CLI has (the action always writes results to a temp file and outputs). */
const CLI_ONLY_INPUTS = (/* unused pure expression or super */ null && (['json', 'markdown']));
const OUTPUTS = {
    results: 'results',
    report: 'report',
    regressed: 'regressed',
    commentUrl: 'comment-url',
};
/** Saved in the main step and read by the post step, so it can remove leftover containers. */
const STATE_RUN_ID = 'malloc-matrix-run-id';
const CONTAINER_LABEL = 'malloc-matrix';
const CONTAINER_RUN_LABEL = 'malloc-matrix.run';
const EXIT = { ok: 0, regression: 1, usage: 2, failure: 3 };

;// CONCATENATED MODULE: ./src/cli/args.ts
// Parses the CLI's argv into raw inputs, named exactly like the action's inputs, so that
// inputs.ts validates both the same way. Uses node:util parseArgs (no dependency needed).



class UsageError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UsageError';
    }
}
/**
 * Inputs that make no sense on the command line: the command comes after `--`, and the CLI posts
 * no pull-request comment (so `comment` and `pr-number` would be silently ignored).
 */
const NOT_OPTIONS = ['run', 'comment', 'pr-number'];
function parseCliArgs(argv) {
    const options = {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
        'cache-dir': { type: 'string' },
    };
    for (const name of INPUT_NAMES) {
        if (NOT_OPTIONS.includes(name))
            continue;
        options[name] = { type: 'string', ...(name === 'env' ? { multiple: true } : {}) };
    }
    let parsed;
    try {
        parsed = (0,external_node_util_.parseArgs)({ args: argv, options, allowPositionals: true, strict: true });
    }
    catch (error) {
        throw new UsageError(`${cleanParseError(error)} Run malloc-matrix --help for the options.`);
    }
    const values = parsed.values;
    const inputs = {};
    for (const name of INPUT_NAMES) {
        const value = values[name];
        if (value === undefined || typeof value === 'boolean')
            continue;
        inputs[name] = Array.isArray(value) ? value.join('\n') : value;
    }
    return {
        help: values.help === true,
        version: values.version === true,
        inputs,
        command: parsed.positionals,
        ...(typeof values['cache-dir'] === 'string' ? { cacheDir: values['cache-dir'] } : {}),
    };
}
/** parseArgs errors are multi-sentence and mention internals; keep the first line only. */
function cleanParseError(error) {
    const message = messageOf(error);
    const first = message.split('\n')[0].trim();
    const unknown = /Unknown option '([^']+)'/.exec(first);
    if (unknown)
        return `Unknown option '${unknown[1]}'.`;
    const missing = /Option '([^']+)' argument missing/.exec(first);
    if (missing)
        return `Option '${missing[1].split(',').pop().trim().split(' ')[0]}' needs a value.`;
    return first.endsWith('.') ? first : `${first}.`;
}
const USAGE = `Usage: malloc-matrix [options] -- <command> [args...]

Runs <command> under every allocator for each libc and prints a comparison table.
One argument is run as a shell command line (sh -c); several are run as an argv.

Options (named like the GitHub Action's inputs; defaults in brackets):
  --executor docker|host        where to run [docker]
  --libcs musl,glibc            C libraries (docker executor) [musl,glibc]
  --allocators LIST             default,mimalloc,mimalloc-secure,jemalloc,rpmalloc,tcmalloc
                                or name=/path/lib.so [executor's default list]
  --runs N                      measured runs per cell [10]
  --warmup N                    warm-up runs per cell [1]
  --timeout DURATION            per-run timeout, e.g. 90s, 10m [10m]
  --seed N                      seed of order and bootstrap [random]
  --env KEY=VALUE               extra environment (repeatable)
  --working-directory DIR       where setup and the command run [.]
  --setup CMD                   shell command run once per container before measuring
  --image-musl IMAGE            [bellsoft/alpaquita-linux-base:stream-musl]
  --image-glibc IMAGE           [bellsoft/alpaquita-linux-base:stream-glibc]
  --pull always|missing|never   [missing]
  --memory-limit SIZE           container memory limit, e.g. 512m
  --name NAME                   report heading [the command]
  --baseline none|auto|base|cache|FILE.json   what to compare against [auto]
  --metric wall|cpu             gated timing metric [wall]
  --threshold PCT               tolerated slowdown [5%]
  --memory-threshold PCT        tolerated peak RSS growth [10%]
  --retries N                   re-runs of inconclusive cells [1]
  --fail-on-regression BOOL     exit 1 on a regression [true]
  --require-baseline BOOL       fail when the baseline cannot be had [false]
  --allow-different-command BOOL  compare with a baseline of another command [false]
  --cache-key-prefix PREFIX     cache key prefix for --baseline cache [malloc-matrix]
  --cache-dir DIR               where --baseline cache keeps results [~/.cache/malloc-matrix/baselines]
  --github-token TOKEN          token for fetching the pull request's base commit (--baseline base)
  --json FILE                   write the results JSON
  --markdown FILE               write the markdown report
  --mode benchmark|report       report re-renders --results-file without measuring
  --results-file FILE           results JSON for --mode report
  -h, --help                    this help
  --version                     print the version

Exit codes: 0 success, 1 regression found, 2 usage or configuration error,
3 the run could not be carried out (e.g. no Docker engine).
`;

;// CONCATENATED MODULE: external "node:timers/promises"
const external_node_timers_promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __nccwpck_require__(3136);
;// CONCATENATED MODULE: ./src/harness/build.ts
// Provides the static measuring helper for this machine: a prebuilt one named by
// MALLOC_MATRIX_HELPER, or one compiled from harness/mm-helper.c and cached by content hash.







const HELPER_SOURCE = (0,external_node_path_.join)('harness', 'mm-helper.c');
const HELPER_ENV = 'MALLOC_MATRIX_HELPER';
const runCommand = (command, args) => new Promise((resolve) => {
    const child = (0,external_node_child_process_namespaceObject.spawn)(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d.toString()));
    child.stderr.on('data', (d) => (stderr += d.toString()));
    child.on('error', (error) => resolve({ code: null, stdout, stderr: stderr + error.message }));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
});
/**
 * Finds harness/mm-helper.c above the given directory. Walking up covers src/harness/ (tests),
 * dist/ and dist/cli/ (the bundle is one file, so its location is all there is to go by).
 */
function findHelperSource(startDir) {
    let dir = startDir;
    for (;;) {
        const candidate = (0,external_node_path_.join)(dir, HELPER_SOURCE);
        if ((0,external_node_fs_.existsSync)(candidate))
            return candidate;
        const parent = (0,external_node_path_.dirname)(dir);
        if (parent === dir)
            return undefined;
        dir = parent;
    }
}
function moduleDir() {
    return (0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(import.meta.url));
}
function tail(text, max = 1500) {
    const t = text.trim();
    return t.length > max ? `...${t.slice(-max)}` : t;
}
async function usablePrebuilt(path) {
    try {
        const info = await (0,promises_namespaceObject.stat)(path);
        if (!info.isFile())
            throw new Error('not a regular file');
        await (0,promises_namespaceObject.access)(path, external_node_fs_.constants.X_OK);
    }
    catch (error) {
        throw new Error(`${HELPER_ENV}=${path} is not usable (${error.message}); expected an executable mm-helper binary`);
    }
    return path;
}
async function findCompiler(compilers, run) {
    for (const compiler of compilers) {
        const probe = await run(compiler, ['--version']);
        if (probe.code === 0)
            return { compiler, identity: `${compiler}\n${probe.stdout}` };
    }
    return undefined;
}
/** Returns the path of a static mm-helper for this machine, compiling it on first use. */
async function ensureHelperBinary(opts = {}) {
    const env = opts.env ?? process.env;
    const prebuilt = env[HELPER_ENV];
    if (prebuilt)
        return usablePrebuilt(prebuilt);
    const sourcePath = opts.sourcePath ?? findHelperSource(moduleDir());
    if (!sourcePath) {
        throw new Error(`cannot find ${HELPER_SOURCE} above ${moduleDir()}; set ${HELPER_ENV} to a prebuilt mm-helper binary`);
    }
    const source = await (0,promises_namespaceObject.readFile)(sourcePath);
    const run = opts.run ?? runCommand;
    const compilers = opts.compilers ?? ['musl-gcc', 'cc'];
    const found = await findCompiler(compilers, run);
    if (!found) {
        throw new Error(`cannot build the measuring helper: no C compiler found (tried ${compilers.join(', ')}); ` +
            `install musl-tools, or gcc with static libc libraries (libc6-dev), or set ${HELPER_ENV} to a prebuilt mm-helper`);
    }
    const hash = (0,external_node_crypto_.createHash)('sha256')
        .update(source)
        .update('\0')
        .update(found.identity)
        .digest('hex')
        .slice(0, 16);
    const cacheDir = opts.cacheDir ?? (0,external_node_path_.join)(env.XDG_CACHE_HOME || (0,external_node_path_.join)(env.HOME || (0,external_node_os_.homedir)(), '.cache'), 'malloc-matrix');
    const target = (0,external_node_path_.join)(cacheDir, `helper-${hash}-${opts.arch ?? process.arch}`);
    if ((0,external_node_fs_.existsSync)(target))
        return target;
    await (0,promises_namespaceObject.mkdir)(cacheDir, { recursive: true });
    // Compile to a private name, then rename: concurrent builds never see a half-written file.
    const temp = `${target}.tmp-${process.pid}-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
    const result = await run(found.compiler, ['-static', '-O2', '-Wall', '-Wextra', '-o', temp, sourcePath]);
    if (result.code !== 0 || !(0,external_node_fs_.existsSync)(temp)) {
        await (0,promises_namespaceObject.rm)(temp, { force: true });
        throw new Error(`cannot build the measuring helper: ${found.compiler} -static exited with code ${result.code}: ${tail(result.stderr)} ` +
            `(static libc libraries are needed: install musl-tools or libc6-dev; or set ${HELPER_ENV})`);
    }
    await (0,promises_namespaceObject.chmod)(temp, 0o755);
    await (0,promises_namespaceObject.rename)(temp, target);
    return target;
}

;// CONCATENATED MODULE: ./src/harness/protocol.ts
// The wire format between the engine and the measuring helper (harness/mm-helper.c).
//
// Plan (helper stdin): tokens separated by spaces or newlines; every string is length-prefixed
// as `<byte count>:<bytes>` so commands with newlines, spaces or any byte except NUL are safe.
//
//   MMPLAN1
//   variants <n>
//   variant <id> <timeout_ms> <argc> <arg>... <cwd> <envc> <KEY=VALUE>... <preload> <shell>
//   runs <m>
//   run <variant id> <proof|warmup|measured> <round> <position>
//   end
//
// An empty preload or shell string means none.
//
// Output (helper stdout): one JSON object per finished run, in plan order; see HelperLine.

function str(value, what) {
    if (value.includes('\0'))
        throw new Error(`${what} ${JSON.stringify(value)} contains a NUL byte; C strings cannot hold it`);
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([Buffer.from(`${bytes.length}:`, 'ascii'), bytes]);
}
function uint(value, what, min) {
    if (!Number.isSafeInteger(value) || value < min)
        throw new Error(`${what} must be an integer >= ${min}, got ${value}`);
    return String(value);
}
function encodeVariant(v) {
    const name = `variant ${JSON.stringify(v.id)}`;
    if (v.argv.length === 0)
        throw new Error(`${name} has an empty argv; expected at least the program`);
    const env = Object.entries(v.env).map(([key, value]) => {
        if (key === '' || key.includes('='))
            throw new Error(`${name}: environment name ${JSON.stringify(key)} is invalid; expected a non-empty name without '='`);
        return str(`${key}=${value}`, `${name} environment entry`);
    });
    const parts = [
        Buffer.from('variant '),
        str(v.id, 'variant id'),
        Buffer.from(` ${uint(v.timeoutMs, `${name} timeoutMs`, 1)} ${v.argv.length}`),
        ...v.argv.flatMap((a) => [Buffer.from(' '), str(a, `${name} argument`)]),
        Buffer.from(' '),
        str(v.cwd, `${name} cwd`),
        Buffer.from(` ${env.length}`),
        ...env.flatMap((e) => [Buffer.from(' '), e]),
        Buffer.from(' '),
        str(v.preload ?? '', `${name} preload`),
        Buffer.from(' '),
        str(v.shell ?? '', `${name} shell`),
        Buffer.from('\n'),
    ];
    return Buffer.concat(parts);
}
/** Encodes a batch as the helper's plan. Throws on values the helper could not carry. */
function encodePlan(batch) {
    const ids = new Set();
    for (const v of batch.variants) {
        if (ids.has(v.id))
            throw new Error(`duplicate variant id ${JSON.stringify(v.id)} in a batch; ids must be unique`);
        ids.add(v.id);
    }
    const parts = [Buffer.from(`MMPLAN1\nvariants ${batch.variants.length}\n`)];
    for (const v of batch.variants)
        parts.push(encodeVariant(v));
    parts.push(Buffer.from(`runs ${batch.runs.length}\n`));
    batch.runs.forEach((run, i) => {
        if (!ids.has(run.variantId))
            throw new Error(`run ${i} names unknown variant ${JSON.stringify(run.variantId)}`);
        parts.push(Buffer.from('run '), str(run.variantId, 'run variant id'), Buffer.from(` ${run.kind} ${uint(run.round, `run ${i} round`, -1)} ${uint(run.position, `run ${i} position`, 0)}\n`));
    });
    parts.push(Buffer.from('end\n'));
    return Buffer.concat(parts);
}
const protocol_count = schemas_int().min(0);
const protocol_tracedProcess = strictObject({
    pid: schemas_int().min(1),
    exe: schemas_string(),
    execs: protocol_count,
    static: schemas_boolean(),
    mapped: schemas_boolean(),
    preload_in_env: schemas_boolean(),
});
/** One line of helper output, exactly as mm-helper writes it. */
const helperLine = strictObject({
    variant: schemas_string(),
    kind: schemas_enum(['proof', 'warmup', 'measured']),
    round: schemas_int().min(-1),
    position: protocol_count,
    outcome: schemas_enum(['exited', 'signaled', 'timeout', 'oom', 'exec-error']),
    exit_code: schemas_int().min(0).max(255).nullable(),
    signal: schemas_int().min(1).max(128).nullable(),
    wall_ns: protocol_count,
    user_us: protocol_count,
    sys_us: protocol_count,
    maxrss_kib: protocol_count,
    output_tail: schemas_string().optional(),
    error: schemas_string().optional(),
    processes: array(protocol_tracedProcess).optional(),
});
function preview(line) {
    return line.length > 200 ? `${line.slice(0, 200)}...` : line;
}
/** Validates one line of helper output and converts it to a record of the given batch. */
function parseHelperLine(line, batch) {
    let json;
    try {
        json = JSON.parse(line);
    }
    catch (error) {
        throw new Error(`malformed helper output (not JSON: ${error.message}): ${preview(line)}`);
    }
    const parsed = helperLine.safeParse(json);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.join('.') || '(line)';
        throw new Error(`malformed helper output (${where}: ${issue?.message ?? 'invalid'}): ${preview(line)}`);
    }
    const h = parsed.data;
    if (!batch.variants.some((v) => v.id === h.variant)) {
        throw new Error(`malformed helper output (unknown variant ${JSON.stringify(h.variant)}): ${preview(line)}`);
    }
    // Exactly one of exit code and signal describes how the process ended.
    if ((h.exit_code === null) === (h.signal === null)) {
        throw new Error(`malformed helper output (expected exactly one of exit_code and signal): ${preview(line)}`);
    }
    const record = {
        kind: h.kind,
        round: h.round,
        position: h.position,
        outcome: h.outcome,
        exitCode: h.exit_code,
        signal: h.signal,
        wallMs: h.wall_ns / 1e6,
        userMs: h.user_us / 1e3,
        sysMs: h.sys_us / 1e3,
        maxRssKiB: h.maxrss_kib,
    };
    if (h.output_tail !== undefined)
        record.outputTail = h.output_tail;
    if (h.error !== undefined)
        record.error = h.error;
    if (h.processes !== undefined) {
        record.processes = h.processes.map((p) => ({
            pid: p.pid,
            exe: p.exe,
            execs: p.execs,
            static: p.static,
            mapped: p.mapped,
            preloadInEnv: p.preload_in_env,
        }));
    }
    return { variantId: h.variant, record };
}

;// CONCATENATED MODULE: ./src/harness/run.ts
// Drives one helper process through one batch: plan in on stdin, one record out per finished
// run on stdout. Works the same for the host binary and for `docker exec -i <ctr> mm-helper`.


const STDERR_KEEP = 4000;
function run_describe(spec) {
    return [spec.command, ...spec.args].join(' ');
}
/**
 * Runs the batch and calls onRecord as each run finishes. Rejects when the helper fails, writes
 * something malformed or out of plan order, or reports fewer runs than planned.
 */
function runHelperBatch(spec, batch, onRecord, signal) {
    const plan = encodePlan(batch);
    return new Promise((resolve, reject) => {
        if (signal?.aborted) {
            reject(new Error(`measuring helper (${run_describe(spec)}) not started: aborted`));
            return;
        }
        const child = (0,external_node_child_process_namespaceObject.spawn)(spec.command, spec.args, {
            env: spec.env ?? process.env,
            stdio: ['pipe', 'pipe', 'pipe'],
        });
        let stderr = '';
        let pending = '';
        let received = 0;
        let failure;
        // Settles at once: descendants of a killed helper may hold its pipes open for long.
        const fail = (error) => {
            if (failure)
                return;
            failure = error;
            child.kill('SIGKILL');
            signal?.removeEventListener('abort', onAbort);
            reject(error);
        };
        function onAbort() {
            fail(new Error(`measuring helper (${run_describe(spec)}) aborted`));
        }
        signal?.addEventListener('abort', onAbort, { once: true });
        const handleLine = (line) => {
            if (failure || line.trim() === '')
                return;
            try {
                const record = parseHelperLine(line, batch);
                const planned = batch.runs[received];
                const r = record.record;
                if (!planned ||
                    planned.variantId !== record.variantId ||
                    planned.kind !== r.kind ||
                    planned.round !== r.round ||
                    planned.position !== r.position) {
                    throw new Error(`measuring helper reported run ${received} as ${record.variantId}/${r.kind}/${r.round}/${r.position}, ` +
                        `but the plan has ${planned ? `${planned.variantId}/${planned.kind}/${planned.round}/${planned.position}` : 'no more runs'}`);
                }
                received += 1;
                onRecord(record);
            }
            catch (error) {
                fail(error instanceof Error ? error : new Error(String(error)));
            }
        };
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (chunk) => {
            pending += chunk;
            let nl;
            while ((nl = pending.indexOf('\n')) >= 0) {
                const line = pending.slice(0, nl);
                pending = pending.slice(nl + 1);
                handleLine(line);
            }
        });
        child.stderr.setEncoding('utf8');
        child.stderr.on('data', (chunk) => {
            stderr = (stderr + chunk).slice(-STDERR_KEEP);
        });
        // A helper that exits early (bad plan) closes its stdin: the close below reports why.
        child.stdin.on('error', () => undefined);
        child.on('error', (error) => {
            const startError = new Error(`cannot start the measuring helper (${run_describe(spec)}): ${error.message}`);
            fail(startError);
        });
        child.on('close', (code, sig) => {
            signal?.removeEventListener('abort', onAbort);
            if (pending !== '')
                handleLine(pending);
            const errTail = stderr.trim() ? `: ${stderr.trim()}` : '';
            if (failure)
                return;
            if (code !== 0)
                reject(new Error(`measuring helper (${run_describe(spec)}) ${sig ? `was killed by ${sig}` : `exited with code ${code}`}${errTail}`));
            else if (received < batch.runs.length)
                reject(new Error(`measuring helper (${run_describe(spec)}) reported ${received} of ${batch.runs.length} planned runs${errTail}`));
            else
                resolve();
        });
        child.stdin.end(plan);
    });
}

;// CONCATENATED MODULE: ./src/executors/docker/client.ts
// Every docker CLI call goes through this one small interface, so the executor's logic can be
// tested with a fake and the real calls never go through a shell.


/** Keeps only the last `limit` characters, so a chatty setup cannot exhaust memory. */
class TailBuffer {
    limit;
    text = '';
    constructor(limit) {
        this.limit = limit;
    }
    push(chunk) {
        this.text += chunk;
        if (this.text.length > this.limit * 2)
            this.text = this.text.slice(-this.limit);
    }
    toString() {
        return this.text.length > this.limit ? this.text.slice(-this.limit) : this.text;
    }
}
/** Splits a byte stream into lines for `onLine`, holding back a partial last line. */
function lineSplitter(onLine) {
    let pending = '';
    return {
        push(chunk) {
            pending += chunk;
            const lines = pending.split('\n');
            pending = lines.pop() ?? '';
            for (const line of lines)
                onLine(line.replace(/\r$/, ''));
        },
        end() {
            if (pending !== '')
                onLine(pending);
            pending = '';
        },
    };
}
const OUTPUT_LIMIT = 1 << 20;
/** The real client: spawns the docker CLI directly (no shell), argv passed as given. */
function client_createDockerClient(binary = 'docker') {
    return {
        binary,
        run(args, opts = {}) {
            return new Promise((resolve, reject) => {
                const child = (0,external_node_child_process_namespaceObject.spawn)(binary, args, {
                    env: { ...process.env, ...opts.env },
                    stdio: ['pipe', 'pipe', 'pipe'],
                });
                const stdout = new TailBuffer(OUTPUT_LIMIT);
                const stderr = new TailBuffer(OUTPUT_LIMIT);
                const outLines = opts.onLine ? lineSplitter(opts.onLine) : undefined;
                const errLines = opts.onLine ? lineSplitter(opts.onLine) : undefined;
                let timedOut = false;
                const timer = opts.timeoutMs !== undefined
                    ? setTimeout(() => {
                        timedOut = true;
                        child.kill('SIGKILL');
                    }, opts.timeoutMs)
                    : undefined;
                child.stdout.setEncoding('utf8').on('data', (chunk) => {
                    stdout.push(chunk);
                    outLines?.push(chunk);
                });
                child.stderr.setEncoding('utf8').on('data', (chunk) => {
                    stderr.push(chunk);
                    errLines?.push(chunk);
                });
                child.on('error', (error) => {
                    if (timer)
                        clearTimeout(timer);
                    reject(new Error(error.code === 'ENOENT'
                        ? `the docker CLI '${binary}' was not found on PATH`
                        : `could not start '${binary}': ${error.message}`));
                });
                child.on('close', (code, signal) => {
                    if (timer)
                        clearTimeout(timer);
                    outLines?.end();
                    errLines?.end();
                    const exitCode = timedOut ? 124 : (code ?? 128 + signalNumber(signal));
                    resolve({ code: exitCode, stdout: stdout.toString(), stderr: stderr.toString() });
                });
                // A command that exits without reading all of stdin closes the pipe early: that is
                // its business (its exit code tells), not a reason to crash the process.
                child.stdin.on('error', () => undefined);
                feedInput(child.stdin, opts.input);
            });
        },
    };
}
function feedInput(stdin, input) {
    if (input === undefined) {
        stdin.end();
    }
    else if (typeof input === 'string' || Buffer.isBuffer(input)) {
        stdin.end(input);
    }
    else {
        input.pipe(stdin);
    }
}
function signalNumber(signal) {
    return signal ? external_node_os_.constants.signals[signal] : 0;
}

;// CONCATENATED MODULE: ./src/executors/docker/alpaquita.ts
// Pure facts about Alpaquita (and look-alike) images: parsing what the docker executor reads
// from inside a container, and the pull retry policy. No I/O here, so every rule is unit-tested.

/** Parses /etc/os-release: KEY=value lines, values optionally quoted, comments skipped. */
function parseOsRelease(text) {
    const fields = {};
    for (const raw of text.split('\n')) {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            continue;
        const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
        if (!match)
            continue;
        fields[match[1]] = unquoteOsReleaseValue(match[2]);
    }
    return fields;
}
function unquoteOsReleaseValue(value) {
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
        const inner = value.slice(1, -1);
        // os-release(5) allows shell-style backslash escapes inside double quotes only.
        return quote === '"' ? inner.replace(/\\(["\\`$])/g, '$1') : inner;
    }
    return value;
}
/**
 * Decides which libc an image provides. Alpaquita states it in LIBC_TYPE; other images
 * (e.g. Alpine) do not, so the presence of the musl loader decides for them.
 */
function detectLibc(osRelease, hasMuslLoader) {
    const declared = osRelease.LIBC_TYPE;
    if (declared !== undefined && declared !== '')
        return declared;
    return hasMuslLoader ? 'musl' : 'glibc';
}
/** Parses apk's installed database (`/lib/apk/db/installed`) into package name -> version. */
function parseApkInstalled(text) {
    const packages = new Map();
    let name;
    let version;
    const flush = () => {
        if (name !== undefined && version !== undefined)
            packages.set(name, version);
        name = undefined;
        version = undefined;
    };
    for (const line of text.split('\n')) {
        if (line.trim() === '')
            flush();
        else if (line.startsWith('P:'))
            name = line.slice(2).trim();
        else if (line.startsWith('V:'))
            version = line.slice(2).trim();
    }
    flush();
    return packages;
}
/** musl-perf and musl-default replace each other, so at most one is installed. */
function muslFlavorFrom(packages) {
    if (packages?.has('musl-perf'))
        return 'musl-perf';
    if (packages?.has('musl-default'))
        return 'musl-default';
    return 'unknown';
}
/** The musl loader run without arguments prints `Version 1.2.5` (on stderr). */
function parseMuslLoaderVersion(output) {
    return /^Version\s+(\S+)/m.exec(output)?.[1];
}
/** libc.so.6 run as a program prints e.g. `... stable release version 2.37.` */
function parseGlibcVersion(output) {
    return /release version (\d+(?:\.\d+)+)/.exec(output)?.[1];
}
/** Splits a library file name's trailing version, `libx.so.2.1` -> [2, 1]; none -> []. */
function sonameVersion(file) {
    const match = /\.so((?:\.\d+)*)$/.exec(file);
    if (!match?.[1])
        return [];
    return match[1].slice(1).split('.').map(Number);
}
function compareVersions(a, b) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const diff = (a[i] ?? -1) - (b[i] ?? -1);
        if (diff !== 0)
            return diff;
    }
    return 0;
}
/**
 * Picks one library among glob matches: the highest trailing version wins (`.so.2.1` over
 * `.so.2`, `.so.10` over `.so.9`), ties broken by name, so the choice never depends on
 * directory order.
 */
function pickHighestVersion(paths) {
    const sorted = [...new Set(paths)].sort((a, b) => {
        const byVersion = compareVersions(sonameVersion(a), sonameVersion(b));
        if (byVersion !== 0)
            return byVersion;
        return a < b ? -1 : a > b ? 1 : 0;
    });
    return sorted.at(-1);
}
/**
 * Reads the output of the glob-listing script: one `glob<TAB>path` line per existing match.
 * Returns the matches of the first glob (in the given, most-specific-first order) that has any.
 */
function firstGlobMatches(globs, output) {
    const byGlob = new Map();
    for (const line of output.split('\n')) {
        const tab = line.indexOf('\t');
        if (tab <= 0)
            continue;
        const glob = line.slice(0, tab);
        const list = byGlob.get(glob) ?? [];
        list.push(line.slice(tab + 1));
        byGlob.set(glob, list);
    }
    for (const glob of globs) {
        const found = byGlob.get(glob);
        if (found && found.length > 0)
            return found;
    }
    return [];
}
/**
 * The line of apk's output that says why `apk add` failed. apk writes
 * `ERROR: unable to select packages:` and the culprit on the next, indented line.
 */
function apkErrorLine(output, exitCode) {
    const lines = output.split('\n').map((l) => l.trim());
    const index = lines.findIndex((l) => l.startsWith('ERROR:'));
    if (index >= 0) {
        const first = lines[index];
        const next = lines[index + 1];
        if (first.endsWith(':') && next)
            return `${first} ${next.replace(/:$/, '')}`;
        return first;
    }
    const last = lines.filter((l) => l !== '').at(-1);
    return last ?? `apk exited with code ${exitCode}`;
}
/** Docker's architecture names mapped to the uname names users know (`aarch64`). */
function unameArch(dockerArch) {
    switch (dockerArch) {
        case 'amd64':
            return 'x86_64';
        case 'arm64':
            return 'aarch64';
        default:
            return dockerArch;
    }
}
/** Docker's architecture names mapped to Node's, which the allocator catalogue uses. */
function nodeArch(dockerArch) {
    switch (dockerArch) {
        case 'amd64':
            return 'x64';
        default:
            return dockerArch;
    }
}
const imageInspectSchema = array(object({
    Id: schemas_string(),
    RepoDigests: array(schemas_string()).nullish(),
    Architecture: schemas_string().nullish(),
}));
/** Parses `docker image inspect IMAGE` output. */
function parseImageInspect(image, json) {
    let data;
    try {
        data = JSON.parse(json);
    }
    catch {
        throw new Error(`docker image inspect ${image} printed invalid JSON: ${json.slice(0, 120)}`);
    }
    const parsed = imageInspectSchema.safeParse(data);
    if (!parsed.success || parsed.data.length === 0) {
        throw new Error(`docker image inspect ${image} printed an unexpected document: ${json.slice(0, 120)}`);
    }
    const first = parsed.data[0];
    return {
        digest: first.RepoDigests?.[0] ?? first.Id,
        ...(first.Architecture ? { architecture: first.Architecture } : {}),
    };
}
/** Pulls are retried this many times after the first failure. */
const PULL_RETRIES = 3;
/** Delay before retry number `retry` (1-based): 2 s, 4 s, 8 s. */
function pullBackoffMs(retry) {
    return 2000 * 2 ** (retry - 1);
}
/** The last non-empty line of a command's output: the line that usually says what went wrong. */
function lastLine(text) {
    return (text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '')
        .at(-1) ?? '');
}
/** The last `count` non-empty lines, for failure messages that need context. */
function tailLines(text, count) {
    return text
        .split('\n')
        .map((l) => l.trimEnd())
        .filter((l) => l.trim() !== '')
        .slice(-count);
}

;// CONCATENATED MODULE: ./src/config/allocators.ts
// The allocator catalogue: package names and library globs per executor. Globs, never
// hard-coded sonames, because package upgrades change them (mimalloc 1.x gave .so.1).
const DEFAULT_ALLOCATOR = 'default';
const CATALOGUE = [
    {
        name: 'default',
        description: "the libc's own malloc (musl mallocng or glibc ptmalloc2)",
        imageGlobs: [],
        hostPatterns: [],
        arches: ['x64', 'arm64'],
    },
    {
        name: 'mimalloc',
        description: 'Microsoft mimalloc',
        apkPackage: 'mimalloc',
        imageGlobs: ['/lib/libmimalloc.so.*'],
        hostPatterns: [/^libmimalloc\.so\.\d+(\.\d+)*$/],
        arches: ['x64', 'arm64'],
    },
    {
        name: 'mimalloc-secure',
        description: 'mimalloc built with MI_SECURE',
        apkPackage: 'mimalloc-secure',
        imageGlobs: ['/lib/libmimalloc-secure.so.*'],
        hostPatterns: [/^libmimalloc-secure\.so\.\d+(\.\d+)*$/],
        arches: ['x64', 'arm64'],
    },
    {
        name: 'jemalloc',
        description: 'jemalloc',
        apkPackage: 'jemalloc',
        imageGlobs: ['/lib/libjemalloc.so.*'],
        hostPatterns: [/^libjemalloc\.so\.\d+$/],
        arches: ['x64', 'arm64'],
    },
    {
        name: 'rpmalloc',
        description: 'rpmalloc (x86_64 only in Alpaquita)',
        apkPackage: 'rpmalloc',
        imageGlobs: ['/lib/librpmallocwrap.so'],
        hostPatterns: [/^librpmallocwrap\.so$/, /^librpmalloc\.so(\.\d+)*$/],
        arches: ['x64'],
    },
    {
        name: 'tcmalloc',
        description: 'gperftools tcmalloc (host executor, or custom path in an image)',
        imageGlobs: ['/lib/libtcmalloc_minimal.so.*', '/lib/libtcmalloc.so.*'],
        hostPatterns: [/^libtcmalloc_minimal\.so\.\d+$/, /^libtcmalloc\.so\.\d+$/],
        arches: ['x64', 'arm64'],
    },
];
const KNOWN_ALLOCATORS = CATALOGUE.map((a) => a.name);
/** The default allocator list for each executor. */
const DEFAULT_ALLOCATORS = {
    docker: ['default', 'mimalloc', 'mimalloc-secure', 'jemalloc', 'rpmalloc'],
    host: ['default', 'mimalloc', 'jemalloc', 'tcmalloc'],
};
function findAllocator(name) {
    return CATALOGUE.find((a) => a.name === name);
}

;// CONCATENATED MODULE: ./src/executors/docker/container.ts
// One long-lived container per libc: how it is started, and the small reads and commands the
// executor runs in it. User-controlled strings only ever travel as argv, never inside `sh -c`
// (the user's `setup` is the one exception: it is a shell command by design).


/** Where the measuring helper is mounted, read-only, in every container. */
const HELPER_DIR = '/opt/malloc-matrix';
const HELPER_PATH = `${HELPER_DIR}/mm-helper`;
/** The root of the private copies of the trees, `/mm/head` and `/mm/base`. */
const TREES_ROOT = '/mm';
const CONTAINER_SHELL = '/bin/sh';
const LABEL = 'malloc-matrix';
const RUN_LABEL = 'malloc-matrix.run';
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Names the docker CLI reads itself: handing them to it would redirect the CLI, not the container. */
const CLI_OWN_NAME = /^(DOCKER_\w*|PATH|HOME)$/;
/**
 * The `docker run` argv and the CLI environment that carries the user's values. Values travel
 * through the CLI's environment (`-e KEY`), so they never appear on a command line, except for
 * the few names the CLI itself obeys.
 */
function containerRunArgs(spec) {
    if (/[,"\n]/.test(spec.helperPath)) {
        throw new Error(`helper path '${spec.helperPath}' contains a comma, quote or newline, which --mount cannot take`);
    }
    const args = [
        'run',
        '--detach',
        '--init',
        '--name',
        spec.name,
        '--label',
        `${LABEL}=1`,
        '--label',
        `${RUN_LABEL}=${spec.runId}`,
        '--label',
        `${LABEL}.libc=${spec.libc}`,
        '--mount',
        `type=bind,source=${spec.helperPath},target=${HELPER_PATH},readonly`,
    ];
    if (spec.memoryLimit !== undefined)
        args.push('--memory', spec.memoryLimit, '--memory-swap', spec.memoryLimit);
    const env = {};
    for (const [key, value] of Object.entries(spec.env)) {
        if (!ENV_NAME.test(key)) {
            throw new Error(`environment variable name '${key}' is invalid; expected letters, digits and _`);
        }
        if (CLI_OWN_NAME.test(key)) {
            args.push('--env', `${key}=${value}`);
        }
        else {
            args.push('--env', key);
            env[key] = value;
        }
    }
    // busybox and coreutils `sleep` both take this (2^31-1 s); the entrypoint is replaced so an
    // image's own entrypoint cannot interfere.
    args.push('--entrypoint', 'sleep', '--', spec.image, '2147483647');
    return { args, env };
}
async function startContainer(docker, spec) {
    const { args, env } = containerRunArgs(spec);
    const result = await docker.run(args, { env });
    if (result.code !== 0) {
        return {
            ok: false,
            failure: `could not start a container from ${spec.image}: ${lastLine(result.stderr)}`,
        };
    }
    return { ok: true, id: result.stdout.trim() || spec.name };
}
/** `docker exec` in the container; `argv` is passed through unchanged. */
function execIn(docker, container, argv, opts = {}) {
    const flags = [
        ...(opts.stdin ? ['--interactive'] : []),
        ...(opts.workdir ? ['--workdir', opts.workdir] : []),
    ];
    return docker.run(['exec', ...flags, container, ...argv], opts);
}
/** Reads a file in the container; undefined when it does not exist. */
async function readFileIn(docker, container, file) {
    const result = await execIn(docker, container, ['cat', '--', file]);
    return result.code === 0 ? result.stdout : undefined;
}
/**
 * Lists which of the globs match existing files, as `glob<TAB>path` lines. The globs arrive as
 * arguments and are expanded by leaving `$g` unquoted; the script text itself is constant.
 */
async function listGlobs(docker, container, globs) {
    if (globs.length === 0)
        return '';
    const script = 'for g in "$@"; do for f in $g; do if [ -e "$f" ]; then printf "%s\\t%s\\n" "$g" "$f"; fi; done; done';
    const result = await execIn(docker, container, [CONTAINER_SHELL, '-c', script, 'sh', ...globs]);
    if (result.code !== 0)
        throw new Error(`listing ${globs.join(' ')} failed: ${lastLine(result.stderr)}`);
    return result.stdout;
}
/** The file a path resolves to, so the preload path matches what /proc/PID/maps shows. */
async function realPathIn(docker, container, file) {
    const result = await execIn(docker, container, ['readlink', '-f', '--', file]);
    const resolved = result.stdout.trim();
    return result.code === 0 && resolved !== '' ? resolved : file;
}
async function fileExistsIn(docker, container, file) {
    const result = await execIn(docker, container, ['test', '-f', file]);
    return result.code === 0;
}
const GLIBC_DIRS = ['/lib', '/lib64', '/usr/lib', '/lib/x86_64-linux-gnu', '/lib/aarch64-linux-gnu'];
/** Runs the libc itself to learn its version: the musl loader, or glibc's libc.so.6. */
async function readLibcVersion(docker, container, libc) {
    const globs = libc === 'musl' ? ['/lib/ld-musl-*.so.1'] : GLIBC_DIRS.map((d) => `${d}/libc.so.6`);
    const found = (await listGlobs(docker, container, globs))
        .split('\n')
        .map((l) => l.split('\t')[1])
        .filter((p) => p !== undefined && p !== '');
    const program = found[0];
    if (program === undefined)
        return undefined;
    // The musl loader exits 1 after printing its banner; glibc exits 0. Only the text matters.
    const result = await execIn(docker, container, [program]);
    const output = `${result.stdout}\n${result.stderr}`;
    return libc === 'musl' ? parseMuslLoaderVersion(output) : parseGlibcVersion(output);
}
async function hasMuslLoader(docker, container) {
    return (await listGlobs(docker, container, ['/lib/ld-musl-*.so.1'])).trim() !== '';
}
/** Where a tree's copy lives in the container, and its working directory within. */
function treeDirsFor(tree, workingDirectory) {
    const relative = external_node_path_default().posix.normalize(workingDirectory.replace(/\\/g, '/') || '.');
    if (external_node_path_default().posix.isAbsolute(relative) || relative === '..' || relative.startsWith('../')) {
        throw new Error(`working directory '${workingDirectory}' leaves the workspace; expected a relative path inside it`);
    }
    const root = `${TREES_ROOT}/${tree}`;
    return { root, cwd: relative === '.' ? root : `${root}/${relative}` };
}
/**
 * Copies a tar stream into `dir` in the container. The stream is asked for only once the
 * directory exists: a child process's pipe left unread while we wait can lose its data.
 */
async function copyArchiveIn(docker, container, dir, openArchive) {
    const made = await execIn(docker, container, ['mkdir', '-p', '--', dir]);
    if (made.code !== 0)
        throw new Error(`could not create ${dir} in the container: ${lastLine(made.stderr)}`);
    const copied = await docker.run(['cp', '-', `${container}:${dir}`], { input: openArchive() });
    if (copied.code !== 0)
        throw new Error(`copying the tree into ${dir} failed: ${lastLine(copied.stderr)}`);
}

;// CONCATENATED MODULE: ./src/executors/docker/allocators.ts
// Makes the requested allocators available in a container and finds their libraries: apk
// packages where the image has apk, then a glob for the library (never a hard-coded soname).
// A package that cannot be installed makes only its own allocator unavailable.



const APK_DB = '/lib/apk/db/installed';
async function hasApk(docker, container) {
    const result = await execIn(docker, container, ['/bin/sh', '-c', 'command -v apk']);
    return result.code === 0 && result.stdout.trim() !== '';
}
/** Reads apk's database; undefined when the image has none. */
async function readApkPackages(docker, container) {
    const text = await readFileIn(docker, container, APK_DB);
    return text === undefined ? undefined : parseApkInstalled(text);
}
async function resolveAllocators(ctx, requests) {
    const allocators = {};
    const toFind = [];
    const custom = [];
    for (const request of requests) {
        if (request.customPath !== undefined) {
            // Checked after the packages are in: a custom path may point into one of them.
            custom.push({ name: request.name, path: request.customPath });
            continue;
        }
        if (request.name === DEFAULT_ALLOCATOR) {
            allocators[request.name] = { status: 'ready' };
            continue;
        }
        const entry = findAllocator(request.name);
        if (!entry) {
            allocators[request.name] = { status: 'unavailable', reason: `unknown allocator '${request.name}'` };
            continue;
        }
        if (ctx.architecture !== undefined && !entry.arches.includes(nodeArch(ctx.architecture))) {
            allocators[request.name] = {
                status: 'unavailable',
                reason: `${entry.name} has no ${unameArch(ctx.architecture)} build`,
            };
            continue;
        }
        toFind.push({ name: entry.name, apkPackage: entry.apkPackage, globs: entry.imageGlobs });
    }
    const packages = toFind.length > 0 ? await findLibraries(ctx, toFind, allocators) : undefined;
    for (const { name, path } of custom)
        allocators[name] = await resolveCustom(ctx, path);
    return { allocators: inRequestOrder(requests, allocators), ...(packages ? { packages } : {}) };
}
function inRequestOrder(requests, allocators) {
    return Object.fromEntries(requests.flatMap((r) => (allocators[r.name] ? [[r.name, allocators[r.name]]] : [])));
}
/** Installs the packages (when the image has apk) and globs each library; returns apk's database. */
async function findLibraries(ctx, toFind, allocators) {
    const apk = await hasApk(ctx.docker, ctx.container);
    const installFailures = apk
        ? await installPackages(ctx, toFind.flatMap((a) => (a.apkPackage ? [a.apkPackage] : [])))
        : new Map();
    const packages = apk ? await readApkPackages(ctx.docker, ctx.container) : undefined;
    const listing = await listGlobs(ctx.docker, ctx.container, [...new Set(toFind.flatMap((a) => a.globs))]);
    for (const wanted of toFind) {
        const chosen = pickHighestVersion(firstGlobMatches(wanted.globs, listing));
        const failure = wanted.apkPackage ? installFailures.get(wanted.apkPackage) : undefined;
        if (chosen === undefined) {
            allocators[wanted.name] = {
                status: 'unavailable',
                reason: failure ?? `no library matching ${wanted.globs.join(' or ')} in image ${ctx.image}`,
            };
            continue;
        }
        if (failure)
            ctx.log(`${failure}; using ${chosen}, which the image already has`);
        const version = wanted.apkPackage ? packages?.get(wanted.apkPackage) : undefined;
        allocators[wanted.name] = {
            status: 'ready',
            library: await realPathIn(ctx.docker, ctx.container, chosen),
            ...(version !== undefined ? { version } : {}),
        };
    }
    return packages;
}
async function resolveCustom(ctx, file) {
    if (!(await fileExistsIn(ctx.docker, ctx.container, file))) {
        return { status: 'unavailable', reason: `${file} does not exist in image ${ctx.image}` };
    }
    return { status: 'ready', library: await realPathIn(ctx.docker, ctx.container, file) };
}
/**
 * Installs all packages in one apk call; when that fails, one at a time, so a missing package
 * is pinned on its own allocator. Returns package -> reason for each that failed.
 */
async function installPackages(ctx, names) {
    const failures = new Map();
    const unique = [...new Set(names)];
    if (unique.length === 0)
        return failures;
    const all = await apkAdd(ctx, unique);
    if (all.code === 0 || unique.length === 1) {
        if (all.code !== 0)
            failures.set(unique[0], all.reason);
        return failures;
    }
    for (const name of unique) {
        const one = await apkAdd(ctx, [name]);
        if (one.code !== 0)
            failures.set(name, one.reason);
    }
    return failures;
}
async function apkAdd(ctx, names) {
    ctx.log(`apk add --no-cache ${names.join(' ')}`);
    const result = await execIn(ctx.docker, ctx.container, ['apk', 'add', '--no-cache', ...names], {
        onLine: ctx.log,
    });
    const reason = `apk add ${names.join(' ')} failed: ${apkErrorLine(`${result.stdout}\n${result.stderr}`, result.code)}`;
    return { code: result.code, reason };
}

;// CONCATENATED MODULE: ./src/executors/docker/image.ts


async function ensureImage(deps, image, pull) {
    if (pull !== 'always') {
        const inspected = await inspectImage(deps.docker, image);
        if (inspected.ok || pull === 'never') {
            return inspected.ok
                ? inspected
                : { ok: false, failure: `image ${image} is not present locally and pull is 'never'` };
        }
    }
    const pulled = await pullWithRetries(deps, image);
    if (!pulled.ok)
        return pulled;
    const inspected = await inspectImage(deps.docker, image);
    return inspected.ok
        ? inspected
        : { ok: false, failure: `image ${image} was pulled but cannot be inspected` };
}
async function inspectImage(docker, image) {
    const result = await docker.run(['image', 'inspect', '--', image]);
    if (result.code !== 0)
        return { ok: false, failure: lastLine(result.stderr) };
    try {
        return { ok: true, facts: parseImageInspect(image, result.stdout) };
    }
    catch (error) {
        return { ok: false, failure: messageOf(error) };
    }
}
async function pullWithRetries(deps, image) {
    let reason = '';
    for (let attempt = 0; attempt <= PULL_RETRIES; attempt++) {
        if (attempt > 0) {
            const delay = pullBackoffMs(attempt);
            deps.log(`docker pull ${image} failed (${reason}); retrying in ${delay / 1000} s`);
            await deps.sleep(delay);
        }
        const result = await deps.docker.run(['pull', '--quiet', '--', image]);
        if (result.code === 0)
            return { ok: true };
        reason = lastLine(result.stderr) || lastLine(result.stdout) || `exit code ${result.code}`;
    }
    return { ok: false, failure: `docker pull ${image} failed after ${PULL_RETRIES + 1} attempts: ${reason}` };
}

;// CONCATENATED MODULE: ./src/executors/docker/trees.ts
// Each container gets its own copy of every tree, so a musl build and a glibc build never
// overwrite each other's outputs, and the user's setup runs in that copy.



/**
 * The host's `tar`. Everything is copied except `.git` directories (and submodules' `.git`
 * files): history is large and the benchmark has no business with it. `node_modules`, build
 * outputs and the like are copied, because the benchmark may need them as they are.
 */
function createTarArchiver(tarBinary = 'tar') {
    return {
        archive(hostDir) {
            const child = (0,external_node_child_process_namespaceObject.spawn)(tarBinary, ['-C', hostDir, '--exclude=.git', '-cf', '-', '.'], {
                stdio: ['ignore', 'pipe', 'pipe'],
            });
            let stderr = '';
            child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
            const done = new Promise((resolve, reject) => {
                child.on('error', (error) => reject(new Error(`could not run ${tarBinary} to copy ${hostDir}: ${error.message}`)));
                child.on('close', (code) => {
                    if (code === 0)
                        resolve();
                    else
                        reject(new Error(`${tarBinary} of ${hostDir} exited with code ${code}: ${tailLines(withoutTarSummary(stderr), 1)[0] ?? ''}`));
                });
            });
            return { stream: child.stdout, done };
        },
    };
}
/** GNU tar ends with a line that names no cause; the line before it says what went wrong. */
function withoutTarSummary(stderr) {
    return stderr
        .split('\n')
        .filter((line) => !/Exiting with failure status due to previous errors/.test(line))
        .join('\n');
}
/** Copies a host tree into `dir` in the container; throws with the reason when it cannot. */
async function copyTree(docker, archiver, container, hostDir, dir) {
    let done;
    const copying = copyArchiveIn(docker, container, dir, () => {
        const archive = archiver.archive(hostDir);
        done = archive.done;
        // Handled below, after the copy; this only keeps an early failure from counting as unhandled.
        done.catch(() => undefined);
        return archive.stream;
    });
    // Both sides must finish; the archiver's own error names the real cause when both fail.
    const [copied] = await Promise.allSettled([copying]);
    if (done)
        await done;
    if (copied.status === 'rejected')
        throw copied.reason;
}
/** How many lines of a failed setup's output the report keeps. */
const SETUP_TAIL_LINES = 20;
/** Runs the user's setup with the container's shell in `cwd`, streaming its output to `log`. */
async function runSetup(docker, container, cwd, setup, log) {
    const lines = [];
    const result = await execIn(docker, container, [CONTAINER_SHELL, '-c', setup], {
        workdir: cwd,
        onLine: (line) => {
            lines.push(line);
            if (lines.length > SETUP_TAIL_LINES * 4)
                lines.splice(0, lines.length - SETUP_TAIL_LINES);
            log(line);
        },
    });
    if (result.code === 0)
        return { ok: true };
    // A client that does not stream lines still returns the output at the end.
    const output = lines.length > 0 ? lines.join('\n') : `${result.stdout}\n${result.stderr}`;
    const tail = tailLines(output, SETUP_TAIL_LINES).join('\n');
    const last = tailLines(tail, 3).join(' | ');
    return {
        ok: false,
        failure: `setup exited with code ${result.code}${last ? `: ${last}` : ''}`,
        tail,
    };
}

;// CONCATENATED MODULE: ./src/executors/docker/executor.ts






/** No Docker engine to talk to: the whole run cannot go on (the CLI exits with code 3). */
class EngineUnavailableError extends Error {
    constructor(reason) {
        super(`Docker engine not available (${reason}). Start Docker, or use executor: host.`);
        this.name = 'EngineUnavailableError';
    }
}
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const ENGINE_CHECK_TIMEOUT_MS = 30_000;
function createDockerExecutorWith(opts, deps) {
    if (!RUN_ID.test(opts.runId)) {
        throw new Error(`run id '${opts.runId}' is invalid; expected letters, digits, '.', '_' and '-'`);
    }
    const { docker, log } = { docker: deps.docker, log: opts.log };
    let engineChecked;
    let helperPath;
    let cleanedUp = false;
    // Until a container was asked for there is nothing to remove, and an engine that never
    // answered should not produce a second warning at cleanup.
    let startAttempted = false;
    async function prepare(request) {
        if (cleanedUp)
            throw new Error('the docker executor was cleaned up; it prepares no more environments');
        engineChecked ??= checkEngine(docker);
        await engineChecked;
        const { libc } = request;
        const image = opts.images[libc];
        const info = { libc, executor: 'docker', image, allocators: {} };
        let container;
        const env = {
            info,
            treeDirs: {},
            treeFailures: {},
            shell: CONTAINER_SHELL,
            async runBatch(batch, onRecord) {
                if (container === undefined) {
                    throw new Error(`the ${libc} environment has no container (${info.failure ?? 'not prepared'})`);
                }
                const args = ['exec', '--interactive', container, HELPER_PATH];
                await deps.runHelper({ command: docker.binary, args }, batch, onRecord);
            },
            async dispose() {
                if (container === undefined)
                    return;
                const id = container;
                container = undefined;
                const removed = await docker.run(['rm', '--force', id]).catch((e) => failedResult(e));
                if (removed.code !== 0 && !onlyAlreadyGone(removed.stderr))
                    log.warning(`could not remove container ${id}: ${lastLine(removed.stderr)}`);
            },
        };
        const imageOutcome = await ensureImage({ docker, sleep: deps.sleep, log: (l) => log.info(l) }, image, opts.pull);
        if (!imageOutcome.ok)
            return withFailure(env, imageOutcome.failure);
        info.imageDigest = imageOutcome.facts.digest;
        helperPath ??= deps.helperBinary();
        const helper = await helperPath;
        startAttempted = true;
        const started = await startContainer(docker, {
            name: `malloc-matrix-${opts.runId}-${libc}`,
            image,
            runId: opts.runId,
            libc,
            helperPath: helper,
            memoryLimit: opts.memoryLimit,
            env: opts.env,
        });
        if (!started.ok)
            return withFailure(env, started.failure);
        container = started.id;
        if (cleanedUp) {
            await env.dispose();
            throw new Error('the docker executor was cleaned up while a container was starting');
        }
        try {
            const failure = await inspectLibc(docker, started.id, image, libc, info);
            if (failure)
                return withFailure(env, failure);
            log.info(`${libc}: resolving allocators in ${image}`);
            const resolved = await resolveAllocators({
                docker,
                container: started.id,
                image,
                architecture: imageOutcome.facts.architecture,
                log: (l) => log.info(l),
            }, request.allocators);
            info.allocators = resolved.allocators;
            if (libc === 'musl') {
                info.muslFlavor = muslFlavorFrom(resolved.packages ?? (await readApkPackages(docker, started.id)));
            }
            await prepareTrees(deps, log, started.id, request, env);
        }
        catch (error) {
            return withFailure(env, messageOf(error));
        }
        return env;
    }
    return {
        kind: 'docker',
        prepare,
        async cleanup() {
            cleanedUp = true;
            if (!startAttempted)
                return;
            await executor_removeContainersByLabel(docker, opts.runId, (m) => log.warning(m));
        },
    };
}
function withFailure(env, failure) {
    env.info.failure = failure;
    return env;
}
/**
 * True when `docker rm` failed only because the containers are gone already or being removed by
 * another `rm` (a signal handler's clean-up racing the normal one): nothing is left behind.
 */
function onlyAlreadyGone(stderr) {
    const errors = stderr
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '');
    return errors.length > 0 && errors.every((l) => /No such container|is already in progress/.test(l));
}
function failedResult(error) {
    return { code: -1, stdout: '', stderr: messageOf(error) };
}
async function checkEngine(docker) {
    let reason;
    try {
        const result = await docker.run(['version', '--format', '{{.Server.Version}}'], {
            timeoutMs: ENGINE_CHECK_TIMEOUT_MS,
        });
        if (result.code === 0 && result.stdout.trim() !== '')
            return;
        reason =
            result.code === 124
                ? `docker version did not answer within ${ENGINE_CHECK_TIMEOUT_MS / 1000} s`
                : lastLine(result.stderr) || `docker version exited with code ${result.code}`;
    }
    catch (error) {
        reason = messageOf(error);
    }
    throw new EngineUnavailableError(reason);
}
/** Records os-release and the libc's facts; returns a failure when the image is the wrong flavour. */
async function inspectLibc(docker, container, image, libc, info) {
    const osRelease = parseOsRelease((await readFileIn(docker, container, '/etc/os-release')) ?? '');
    info.osRelease = osRelease;
    const actual = detectLibc(osRelease, await hasMuslLoader(docker, container));
    if (actual !== libc) {
        return osRelease.LIBC_TYPE
            ? `image ${image} reports LIBC_TYPE=${osRelease.LIBC_TYPE}, expected ${libc}`
            : `image ${image} has no LIBC_TYPE in /etc/os-release and looks like ${actual}, expected ${libc}`;
    }
    const version = await readLibcVersion(docker, container, libc);
    if (version !== undefined)
        info.libcVersion = version;
    return undefined;
}
/** Copies each tree into the container and runs setup there; failures are per tree. */
async function prepareTrees(deps, log, container, request, env) {
    const { libc } = request;
    for (const [tree, hostDir] of Object.entries(request.trees)) {
        if (hostDir === undefined)
            continue;
        const dirs = treeDirsFor(tree, request.workingDirectory);
        try {
            log.info(`${libc}: copying the ${tree} tree into ${dirs.root}`);
            await copyTree(deps.docker, deps.archiver, container, hostDir, dirs.root);
        }
        catch (error) {
            env.treeFailures[tree] = `copying the ${tree} tree failed: ${messageOf(error)}`;
            continue;
        }
        const isDir = await execIn(deps.docker, container, ['test', '-d', dirs.cwd]);
        if (isDir.code !== 0) {
            env.treeFailures[tree] =
                `working directory '${request.workingDirectory}' does not exist in the ${tree} tree`;
            continue;
        }
        env.treeDirs[tree] = dirs.cwd;
        const setup = request.setup;
        if (setup === undefined || setup.trim() === '')
            continue;
        const outcome = await log.group(`${libc}: setup (${tree})`, () => runSetup(deps.docker, container, dirs.cwd, setup, (l) => log.info(l)));
        if (!outcome.ok) {
            env.treeFailures[tree] = outcome.failure;
            env.info.setupLogTail = outcome.tail;
        }
    }
}
/**
 * Removes every container labelled with this run id, running or not. Never throws: it runs in
 * the action's post step and signal handlers, where the engine may be half gone. Returns how
 * many containers were removed.
 */
async function executor_removeContainersByLabel(docker, runId, warn = () => undefined) {
    const listed = await docker
        .run(['ps', '--all', '--quiet', '--filter', `label=${RUN_LABEL}=${runId}`], { timeoutMs: 30_000 })
        .catch((e) => failedResult(e));
    if (listed.code !== 0) {
        warn(`could not list the containers of run ${runId}: ${lastLine(listed.stderr) || `exit code ${listed.code}`}`);
        return 0;
    }
    const ids = listed.stdout
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '');
    if (ids.length === 0)
        return 0;
    const removed = await docker
        .run(['rm', '--force', ...ids], { timeoutMs: 60_000 })
        .catch((e) => failedResult(e));
    if (removed.code !== 0 && !onlyAlreadyGone(removed.stderr)) {
        warn(`could not remove the containers of run ${runId} (${ids.join(' ')}): ${lastLine(removed.stderr)}`);
        return 0;
    }
    return ids.length;
}

;// CONCATENATED MODULE: ./src/executors/docker/index.ts
// The docker executor with its real collaborators: the docker CLI, the host's tar, the static
// measuring helper and the helper driver. The logic lives in docker-executor.ts.








/** Creates the docker executor; any collaborator may be replaced (tests, other CLIs). */
function createDockerExecutor(opts) {
    return createDockerExecutorWith(opts, {
        docker: opts.docker ?? client_createDockerClient(),
        helperBinary: opts.helperBinary ?? (() => ensureHelperBinary()),
        runHelper: opts.runHelper ?? runHelperBatch,
        archiver: opts.archiver ?? createTarArchiver(),
        sleep: opts.sleep ?? ((ms) => (0,external_node_timers_promises_namespaceObject.setTimeout)(ms)),
    });
}
/** Removes the containers a run left behind (the action's post step, the CLI's signal handler). */
function removeDockerLeftovers(runId, warn, docker = createDockerClient()) {
    return removeContainersByLabel(docker, runId, warn);
}

;// CONCATENATED MODULE: ./src/executors/host/libraries.ts
// Finds allocator libraries and the libc on the machine itself. The file system and the tools
// (ldconfig, dpkg) sit behind HostProbe so the choice logic can be tested with plain data.




/** Debian package names to suggest when an allocator is missing. */
const DEBIAN_PACKAGES = {
    jemalloc: 'install libjemalloc2',
    mimalloc: 'install libmimalloc2.0 or a newer libmimalloc package',
    'mimalloc-secure': 'build mimalloc with MI_SECURE=ON and pass its path as a custom allocator',
    tcmalloc: 'install libtcmalloc-minimal4',
    rpmalloc: 'build rpmalloc and pass its path as a custom allocator',
};
const LDCONFIG_ARCH = { x64: 'x86-64', arm64: 'AArch64' };
const MULTIARCH = {
    x64: 'x86_64-linux-gnu',
    arm64: 'aarch64-linux-gnu',
    arm: 'arm-linux-gnueabihf',
};
/** Library directories searched besides the ldconfig cache, in order. */
function libraryDirs(arch) {
    const multi = MULTIARCH[arch];
    return ['/usr/lib', ...(multi ? [`/usr/lib/${multi}`, `/lib/${multi}`] : []), '/lib', '/usr/local/lib'];
}
/** Paths from `ldconfig -p`, keeping only entries for this architecture. */
function parseLdconfig(output, arch) {
    const tag = LDCONFIG_ARCH[arch];
    const paths = [];
    for (const line of output.split('\n')) {
        const m = /^\s*\S+\s+\(([^)]*)\)\s+=>\s+(\S.*)$/.exec(line);
        if (!m)
            continue;
        const [, flags = '', path = ''] = m;
        // 32-bit libraries on a multilib host carry no x86-64 tag and cannot load into our programs.
        if (tag && !flags.includes(tag))
            continue;
        paths.push(path.trim());
    }
    return paths;
}
function versionOf(file) {
    const m = /\.so((?:\.\d+)*)$/.exec(file);
    return m?.[1] ? m[1].slice(1).split('.').map(Number) : [];
}
function compareVersionsDesc(a, b) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const d = (b[i] ?? 0) - (a[i] ?? 0);
        if (d !== 0)
            return d;
    }
    return 0;
}
/**
 * Picks the allocator's library among candidate paths (ldconfig first, then directory scans):
 * the earliest pattern in the catalogue wins, then the highest version, then the shorter
 * name (the soname link over the full version), then the candidate order.
 */
function pickLibrary(entry, candidates) {
    const matches = [];
    candidates.forEach((path, order) => {
        const pattern = entry.hostPatterns.findIndex((p) => p.test((0,external_node_path_.basename)(path)));
        if (pattern >= 0)
            matches.push({ path, pattern, version: versionOf((0,external_node_path_.basename)(path)), order });
    });
    matches.sort((a, b) => a.pattern - b.pattern ||
        compareVersionsDesc(a.version, b.version) ||
        (0,external_node_path_.basename)(a.path).length - (0,external_node_path_.basename)(b.path).length ||
        a.order - b.order);
    return matches[0]?.path;
}
/** What to tell the user when an allocator is not on this host. */
function missingReason(entry) {
    // The catalogue's image globs name the same files the host patterns match, in a readable form.
    const wanted = entry.imageGlobs.map((g) => (0,external_node_path_.basename)(g));
    const hint = DEBIAN_PACKAGES[entry.name];
    return `${wanted.join(' or ') || entry.name} not found on this host${hint ? ` (${hint})` : ''}`;
}
/** Candidate library paths on this host: the loader's cache, then the standard directories. */
async function hostCandidates(probe, arch) {
    const paths = parseLdconfig(await probe.ldconfigCache(), arch);
    for (const dir of libraryDirs(arch)) {
        for (const name of (await probe.listDir(dir)).sort())
            paths.push((0,external_node_path_.join)(dir, name));
    }
    return paths;
}
async function lookupAllocator(probe, entry, candidates) {
    const path = pickLibrary(entry, candidates);
    if (path === undefined || !(await probe.isReadableFile(path)))
        return { status: 'unavailable', reason: missingReason(entry) };
    const version = await probe.packageVersion(path);
    return { status: 'ready', library: path, ...(version ? { version } : {}) };
}
async function lookupCustom(probe, path) {
    if (!(await probe.isReadableFile(path))) {
        return {
            status: 'unavailable',
            reason: `custom allocator library ${path} does not exist or is not a readable regular file`,
        };
    }
    const version = await probe.packageVersion(path);
    return { status: 'ready', library: path, ...(version ? { version } : {}) };
}
/** The host's libc: glibc from the runtime's own report, musl from its loader. */
async function libraries_detectLibc(probe, arch) {
    const glibc = probe.glibcVersion();
    if (glibc)
        return { libc: 'glibc', version: glibc };
    const loader = (await probe.listDir('/lib')).find((n) => /^ld-musl-.*\.so\.1$/.test(n));
    if (loader) {
        const version = await probe.muslVersion((0,external_node_path_.join)('/lib', loader));
        return { libc: 'musl', ...(version ? { version } : {}) };
    }
    throw new Error(`cannot tell this host's libc (${arch}): no glibc runtime and no /lib/ld-musl-*.so.1; use the docker executor`);
}
function run(command, args) {
    return new Promise((resolve) => {
        (0,external_node_child_process_namespaceObject.execFile)(command, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => resolve({ ok: !error, stdout: String(stdout), stderr: String(stderr) }));
    });
}
/** The real machine. */
const realHostProbe = {
    glibcVersion() {
        const header = process.report?.getReport()
            ?.header;
        return header?.glibcVersionRuntime;
    },
    async listDir(dir) {
        try {
            return await (0,promises_namespaceObject.readdir)(dir);
        }
        catch {
            return []; // a missing standard directory simply holds no candidates
        }
    },
    async ldconfigCache() {
        for (const ldconfig of ['ldconfig', '/sbin/ldconfig', '/usr/sbin/ldconfig']) {
            const result = await run(ldconfig, ['-p']);
            if (result.ok)
                return result.stdout;
        }
        return '';
    },
    async isReadableFile(path) {
        try {
            if (!(await (0,promises_namespaceObject.stat)(path)).isFile())
                return false;
            await (0,promises_namespaceObject.access)(path, external_node_fs_.constants.R_OK);
            return true;
        }
        catch {
            return false;
        }
    },
    async isDirectory(path) {
        try {
            return (await (0,promises_namespaceObject.stat)(path)).isDirectory();
        }
        catch {
            return false;
        }
    },
    async realpath(path) {
        try {
            return await (0,promises_namespaceObject.realpath)(path);
        }
        catch {
            return undefined;
        }
    },
    async packageVersion(file) {
        // dpkg records /usr/lib paths while ldconfig may report /lib ones (merged /usr): try both.
        const real = await realHostProbe.realpath(file);
        for (const path of new Set([file, ...(real ? [real] : [])])) {
            const owner = await run('dpkg', ['-S', path]);
            if (!owner.ok)
                continue;
            const pkg = owner.stdout.split(':')[0]?.trim();
            if (!pkg)
                continue;
            const arch = /^[^:]+:([^:\s]+):/.exec(owner.stdout)?.[1];
            const version = await run('dpkg-query', ['-W', '-f', '${Version}', arch ? `${pkg}:${arch}` : pkg]);
            if (version.ok && version.stdout.trim())
                return version.stdout.trim();
        }
        return undefined;
    },
    async muslVersion(loader) {
        const result = await run(loader, ['--version']);
        return /Version\s+(\S+)/.exec(result.stderr + result.stdout)?.[1];
    },
};

;// CONCATENATED MODULE: ./src/executors/host/executor.ts
// The host executor: measures on the machine itself, with its own libc and the allocator
// libraries installed there. Trees are used in place; nothing is copied or created.






const HOST_SHELL = '/bin/sh';
const SETUP_TAIL = 2000;
function runShellSetup(script, cwd, env) {
    return new Promise((resolvePromise, reject) => {
        const child = (0,external_node_child_process_namespaceObject.spawn)(HOST_SHELL, ['-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        const keep = (d) => {
            output = (output + d.toString()).slice(-64 * 1024);
        };
        child.stdout.on('data', keep);
        child.stderr.on('data', keep);
        child.on('error', (error) => reject(new Error(`cannot run setup with ${HOST_SHELL} in ${cwd}: ${error.message}`)));
        child.on('close', (code, signal) => resolvePromise({ code: code ?? 128 + (signal ? 9 : 0), output }));
    });
}
function executor_tail(text) {
    const t = text.trim();
    return t.length > SETUP_TAIL ? `...${t.slice(-SETUP_TAIL)}` : t;
}
async function executor_resolveAllocators(probe, arch, requested) {
    const allocators = {};
    let candidates;
    for (const request of requested) {
        if (request.customPath !== undefined) {
            allocators[request.name] = await lookupCustom(probe, (0,external_node_path_.resolve)(request.customPath));
            continue;
        }
        const entry = findAllocator(request.name);
        if (!entry) {
            allocators[request.name] = {
                status: 'unavailable',
                reason: `unknown allocator '${request.name}' and no library path given`,
            };
        }
        else if (entry.hostPatterns.length === 0) {
            allocators[request.name] = { status: 'ready' }; // the libc default needs no library
        }
        else {
            candidates ??= await hostCandidates(probe, arch);
            allocators[request.name] = await lookupAllocator(probe, entry, candidates);
        }
    }
    return allocators;
}
function createHostExecutor(deps = {}) {
    const d = {
        probe: deps.probe ?? realHostProbe,
        helper: deps.helper ?? (() => ensureHelperBinary()),
        runBatch: deps.runBatch ?? ((spec, batch, onRecord) => runHelperBatch(spec, batch, onRecord)),
        runSetup: deps.runSetup ?? runShellSetup,
        env: deps.env ?? {},
        arch: deps.arch ?? process.arch,
    };
    async function prepare(request) {
        const libc = await libraries_detectLibc(d.probe, d.arch);
        const info = {
            libc: libc.libc,
            executor: 'host',
            ...(libc.version ? { libcVersion: libc.version } : {}),
            allocators: await executor_resolveAllocators(d.probe, d.arch, request.allocators),
        };
        const treeDirs = {};
        const treeFailures = {};
        for (const [tree, root] of Object.entries(request.trees)) {
            if (root === undefined)
                continue;
            const dir = (0,external_node_path_.join)((0,external_node_path_.resolve)(root), request.workingDirectory);
            if (!(await d.probe.isDirectory(dir))) {
                treeFailures[tree] = `working directory ${dir} does not exist`;
                continue;
            }
            treeDirs[tree] = dir;
            if (request.setup) {
                const result = await d.runSetup(request.setup, dir, { ...process.env, ...d.env });
                if (result.code !== 0) {
                    treeFailures[tree] = `setup exited with code ${result.code}: ${executor_tail(result.output)}`;
                    info.setupLogTail = executor_tail(result.output);
                }
            }
        }
        // Built once per environment so a missing compiler fails preparation, not every batch.
        const helperPath = await d.helper();
        return {
            info,
            treeDirs,
            treeFailures,
            shell: HOST_SHELL,
            runBatch: (batch, onRecord) => d.runBatch({ command: helperPath, args: [], env: process.env }, batch, onRecord),
            dispose: () => Promise.resolve(),
        };
    }
    return {
        kind: 'host',
        prepare,
        // Trees are used in place and the helper's cache is kept: nothing to remove.
        cleanup: () => Promise.resolve(),
    };
}

;// CONCATENATED MODULE: ./src/executors/factory.ts


/** The host's C library: Node reports the glibc it runs on; anything else here is musl. */
function hostLibc() {
    const report = process.report.getReport();
    return report.header?.glibcVersionRuntime ? 'glibc' : 'musl';
}
async function createExecutor(config, ctx) {
    if (config.executor === 'host') {
        return { executor: createHostExecutor({ env: ctx.env }), libcs: [hostLibc()] };
    }
    const executor = createDockerExecutor({
        runId: ctx.runId,
        images: config.images,
        pull: config.pull,
        ...(config.memoryLimit ? { memoryLimit: config.memoryLimit } : {}),
        env: ctx.env,
        log: ctx.log,
    });
    return Promise.resolve({ executor, libcs: config.libcs });
}
/** The action's post step: removes every container of this run that is still there. */
async function removeLeftovers(runId, warn) {
    return removeContainersByLabel(createDockerClient(), runId, warn);
}

;// CONCATENATED MODULE: ./src/github/context.ts
// Reads the GitHub event from the runner's environment (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH,
// GITHUB_REF...) into plain data. Kept apart from @actions/github's import-time context so tests
// can hand in any environment.

function readGitHubContext(env) {
    let payload = {};
    const eventPath = env.GITHUB_EVENT_PATH;
    if (eventPath) {
        try {
            payload = JSON.parse((0,external_node_fs_.readFileSync)(eventPath, 'utf8'));
        }
        catch {
            payload = {};
        }
    }
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
    const ref = env.GITHUB_REF ?? '';
    const pushedBranch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
    const pr = payload.pull_request;
    const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
    return {
        eventName: env.GITHUB_EVENT_NAME,
        baseSha: pr?.base?.sha,
        branch: pr ? pr.base?.ref : pushedBranch,
        defaultBranch: payload.repository?.default_branch,
        headSha: pr?.head?.sha ?? env.GITHUB_SHA,
        prNumber: pr?.number ?? payload.workflow_run?.pull_requests?.[0]?.number,
        owner: owner || undefined,
        repo: repo || undefined,
        apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
        serverUrl,
        runUrl: env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
            ? `${serverUrl}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
            : undefined,
    };
}

;// CONCATENATED MODULE: ./src/app/host-info.ts
// Facts about the machine that every cell shares (containers share the kernel and the CPU).


function readHostInfo() {
    const cpus = external_node_os_default().cpus();
    return {
        cpuModel: (cpus[0]?.model ?? 'unknown').replace(/\s+/g, ' ').trim(),
        cores: cpus.length,
        kernel: external_node_os_default().release(),
        arch: process.arch,
        os: osName(),
    };
}
/** The distribution's name (PRETTY_NAME), falling back to the kernel's type and release. */
function osName() {
    try {
        const text = (0,external_node_fs_.readFileSync)('/etc/os-release', 'utf8');
        const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text)?.[1];
        if (pretty)
            return pretty;
    }
    catch {
        // Not Linux, or no os-release: the kernel's own name will do.
    }
    return `${external_node_os_default().type()} ${external_node_os_default().release()}`;
}

;// CONCATENATED MODULE: ./src/results/model.ts
// The data model shared by every module: what a run measures, what a cell is, and what the
// results file holds. Pure types only, so that any module can import it without side effects.
const LIBC_NAMES = ['musl', 'glibc'];
const METRICS = ['wall', 'cpu', 'user', 'sys', 'rss'];

;// CONCATENATED MODULE: ./src/config/parse.ts
// Every input is read, parsed and validated here, once, into one typed Config. The action and
// the CLI both feed raw strings through `parseConfig`, so a bad value gets the same one-line
// error everywhere: the input's name, the value, and what is accepted.



class ConfigError extends Error {
    input;
    value;
    accepted;
    constructor(input, value, accepted) {
        super(`Invalid ${input}: ${showValue(value)}. Expected ${accepted}.`);
        this.input = input;
        this.value = value;
        this.accepted = accepted;
        this.name = 'ConfigError';
    }
}
/** A contradiction between two inputs: both are named. */
class ConflictError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ConfigError';
    }
}
function showValue(value) {
    const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
    return JSON.stringify(shown);
}
const BOOLEAN_TRUE = ['true', 'True', 'TRUE'];
const BOOLEAN_FALSE = ['false', 'False', 'FALSE'];
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ALLOCATOR_NAME = /^[a-z0-9][a-z0-9._-]{0,39}$/;
// Docker image references: [registry[:port]/]path:tag@digest. No leading dash (it would read as
// an option).
const IMAGE_REF = /^([A-Za-z0-9][A-Za-z0-9.-]*(:\d{1,5})?\/)?[a-z0-9][a-z0-9._/-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$/;
const LIBRARY_PATH = /^\/[A-Za-z0-9._+/-]+$/;
const MEMORY_LIMIT = /^(\d+)([bkmg])?$/i;
function parseConfig(read, ctx) {
    const p = new Parser(read, ctx);
    const mode = p.choice('mode', ['benchmark', 'report']);
    const executor = p.choice('executor', ['docker', 'host']);
    const command = p.command(mode);
    const name = p.name(command);
    const runs = p.integer('runs', 1, 10_000);
    const warmup = p.integer('warmup', 0, 1_000);
    const retries = p.integer('retries', 0, 5);
    const baseline = p.baseline();
    const requireBaseline = p.boolean('require-baseline');
    const allowDifferentCommand = p.boolean('allow-different-command');
    const memoryLimit = p.memoryLimit();
    const config = {
        mode,
        name,
        command,
        executor,
        libcs: p.libcs(),
        allocators: p.allocators(executor),
        runs,
        warmup,
        seed: p.seed(),
        timeoutMs: p.duration('timeout'),
        env: p.env(),
        workingDirectory: p.workingDirectory(),
        images: { musl: p.image('image-musl'), glibc: p.image('image-glibc') },
        setup: p.optionalText('setup'),
        pull: p.choice('pull', ['always', 'missing', 'never']),
        memoryLimit,
        metric: p.choice('metric', ['wall', 'cpu']),
        threshold: p.percent('threshold'),
        memoryThreshold: p.percent('memory-threshold'),
        baseline,
        retries,
        failOnRegression: p.boolean('fail-on-regression'),
        allowDifferentCommand,
        requireBaseline,
        cacheKeyPrefix: p.pattern('cache-key-prefix', /^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, ".", "_" or "-" (1 to 64)'),
        comment: p.choice('comment', ['always', 'on-regression', 'never']),
        githubToken: p.optionalText('github-token'),
        resultsFile: p.optionalPath('results-file'),
        prNumber: p.optionalInteger('pr-number', 1, 1e9),
        jsonPath: p.optionalPath('json'),
        markdownPath: p.optionalPath('markdown'),
    };
    checkConflicts(config, p);
    return config;
}
function checkConflicts(config, p) {
    const { label } = p.ctx;
    if (config.requireBaseline && config.baseline.kind === 'none') {
        throw new ConflictError(`${label('require-baseline')} is true but ${label('baseline')} is "none": give a baseline (auto, base, cache or a results file) or drop require-baseline.`);
    }
    if (config.allowDifferentCommand && config.baseline.kind !== 'file' && config.baseline.kind !== 'cache') {
        throw new ConflictError(`${label('allow-different-command')} only applies to a stored baseline (a results file or cache); ${label('baseline')} is "${config.baseline.kind}".`);
    }
    if (config.executor === 'host' && config.memoryLimit !== undefined) {
        throw new ConflictError(`${label('memory-limit')} needs the docker executor; ${label('executor')} is "host", which cannot limit memory.`);
    }
    if (config.mode === 'report' && config.resultsFile === undefined) {
        throw new ConflictError(`${label('mode')} "report" needs ${label('results-file')}: the results JSON to report on.`);
    }
    if (config.mode === 'benchmark' && config.resultsFile !== undefined) {
        throw new ConflictError(`${label('results-file')} is only read in ${label('mode')} "report".`);
    }
}
class Parser {
    read;
    ctx;
    constructor(read, ctx) {
        this.read = read;
        this.ctx = ctx;
    }
    /** The given value, or the documented default; a given value that is blank is an error. */
    raw(name) {
        const value = this.read(name);
        if (value === undefined)
            return INPUT_DEFAULTS[name];
        return value;
    }
    fail(name, value, accepted) {
        throw new ConfigError(this.ctx.label(name), value, accepted);
    }
    /** A required value: blank (empty or whitespace) is rejected rather than silently defaulted. */
    required(name, accepted) {
        const value = this.raw(name);
        if (value.trim() === '')
            this.fail(name, value, accepted);
        return value.trim();
    }
    choice(name, options) {
        const accepted = `one of ${options.join(', ')}`;
        const value = this.required(name, accepted);
        if (!options.includes(value))
            this.fail(name, value, accepted);
        return value;
    }
    integer(name, min, max) {
        const accepted = `a whole number from ${min} to ${max}`;
        const value = this.required(name, accepted);
        if (!/^\d+$/.test(value))
            this.fail(name, value, accepted);
        const n = Number(value);
        if (!Number.isSafeInteger(n) || n < min || n > max)
            this.fail(name, value, accepted);
        return n;
    }
    optionalInteger(name, min, max) {
        const value = this.read(name);
        if (value === undefined || value === '')
            return undefined;
        return this.integer(name, min, max);
    }
    boolean(name) {
        const accepted = 'true or false';
        const value = this.required(name, accepted);
        if (BOOLEAN_TRUE.includes(value))
            return true;
        if (BOOLEAN_FALSE.includes(value))
            return false;
        return this.fail(name, value, accepted);
    }
    percent(name) {
        const accepted = 'a percentage from 0% to 1000%, such as 5%';
        const value = this.required(name, accepted);
        const m = /^(\d+(?:\.\d+)?)\s*%$/.exec(value);
        if (!m)
            this.fail(name, value, accepted);
        const pct = Number(m[1]);
        if (!Number.isFinite(pct) || pct > 1000)
            this.fail(name, value, accepted);
        return pct / 100;
    }
    duration(name) {
        const accepted = 'a duration from 1ms to 24h, such as 500ms, 90s, 10m or 1h (a bare number is seconds)';
        const value = this.required(name, accepted);
        const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value);
        if (!m)
            this.fail(name, value, accepted);
        const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's')];
        const ms = Math.round(Number(m[1]) * factor);
        if (!Number.isFinite(ms) || ms < 1 || ms > 86_400_000)
            this.fail(name, value, accepted);
        return ms;
    }
    pattern(name, re, accepted) {
        const value = this.required(name, accepted);
        if (!re.test(value))
            this.fail(name, value, accepted);
        return value;
    }
    seed() {
        const value = this.read('seed');
        if (value === undefined || value === '' || value === INPUT_DEFAULTS.seed)
            return this.ctx.randomSeed();
        return this.integer('seed', 0, 0xffffffff);
    }
    /** Free text that may be absent; whitespace-only counts as absent only when it is empty. */
    optionalText(name) {
        const value = this.read(name);
        if (value === undefined || value === '')
            return undefined;
        if (value.trim() === '')
            this.fail(name, value, 'a non-blank value, or leave it unset');
        return value;
    }
    optionalPath(name) {
        const value = this.optionalText(name);
        if (value === undefined)
            return undefined;
        if (/[\0\n\r]/.test(value))
            this.fail(name, value, 'a file path on one line');
        return value.trim();
    }
    command(mode) {
        const argv = this.ctx.argv ?? [];
        const run = this.read('run');
        if (mode === 'report') {
            if ((run !== undefined && run.trim() !== '') || argv.length > 0) {
                throw new ConflictError(`${this.ctx.label('run')} is not used in ${this.ctx.label('mode')} "report", which only reports an existing results file.`);
            }
            return { kind: 'shell', script: '' };
        }
        if (argv.length > 1) {
            if (argv[0].trim() === '')
                this.fail('run', argv[0], 'a command to benchmark');
            return { kind: 'argv', argv };
        }
        const script = argv.length === 1 ? argv[0] : (run ?? '');
        if (script.trim() === '')
            this.fail('run', script, 'a command to benchmark (a shell command line)');
        if (script.includes('\0'))
            this.fail('run', script, 'a shell command without NUL bytes');
        return { kind: 'shell', script };
    }
    name(command) {
        const value = this.read('name');
        if (value === undefined || value === '') {
            const text = command.kind === 'shell' ? command.script : command.argv.join(' ');
            const firstLine = text.trim().split('\n')[0] ?? '';
            return firstLine.length > 60 ? `${firstLine.slice(0, 57)}...` : firstLine || 'results';
        }
        if (value.trim() === '' || value.length > 100 || /[\n\r\0]/.test(value)) {
            this.fail('name', value, 'a single line of 1 to 100 characters');
        }
        return value.trim();
    }
    libcs() {
        const accepted = `a comma-separated list of ${LIBC_NAMES.join(', ')}`;
        const value = this.required('libcs', accepted);
        const items = splitList(value);
        if (items.length === 0)
            this.fail('libcs', value, accepted);
        const out = [];
        for (const item of items) {
            if (!LIBC_NAMES.includes(item))
                this.fail('libcs', item, accepted);
            if (out.includes(item))
                this.fail('libcs', value, `${accepted}, each at most once`);
            out.push(item);
        }
        return out;
    }
    allocators(executor) {
        const given = this.read('allocators');
        // Empty means "the executor's default list" (action.yml's documented default).
        const value = given === undefined || given === '' ? DEFAULT_ALLOCATORS[executor].join(',') : given;
        const accepted = `a comma-separated list of ${KNOWN_ALLOCATORS.join(', ')}, or name=/path/to/lib.so`;
        if (value.trim() === '')
            this.fail('allocators', value, accepted);
        const out = [];
        for (const item of splitList(value)) {
            const eq = item.indexOf('=');
            let request;
            if (eq >= 0) {
                const name = item.slice(0, eq);
                const path = item.slice(eq + 1);
                if (!ALLOCATOR_NAME.test(name)) {
                    this.fail('allocators', item, 'a custom allocator name of lowercase letters, digits, ".", "_" or "-"');
                }
                if (findAllocator(name) !== undefined) {
                    this.fail('allocators', item, `a custom name that is not a built-in one (${KNOWN_ALLOCATORS.join(', ')})`);
                }
                if (!LIBRARY_PATH.test(path) || path.includes('/../') || path.endsWith('/')) {
                    this.fail('allocators', item, 'name=/absolute/path/to/lib.so (letters, digits, ".", "_", "+", "-", "/")');
                }
                request = { name, kind: 'custom', path };
            }
            else {
                if (findAllocator(item) === undefined)
                    this.fail('allocators', item, accepted);
                request = { name: item, kind: 'builtin' };
            }
            if (out.some((a) => a.name === request.name)) {
                this.fail('allocators', request.name, `${accepted}, each name at most once`);
            }
            out.push(request);
        }
        return out;
    }
    env() {
        const value = this.read('env');
        if (value === undefined || value === '')
            return [];
        const accepted = 'KEY=VALUE lines (KEY of letters, digits and "_", not starting with a digit)';
        const out = [];
        for (const line of value.split(/\r?\n/)) {
            if (line.trim() === '' || line.trim().startsWith('#'))
                continue;
            const eq = line.indexOf('=');
            if (eq <= 0)
                this.fail('env', line, accepted);
            const key = line.slice(0, eq).trim();
            const val = line.slice(eq + 1);
            if (!ENV_KEY.test(key))
                this.fail('env', line, accepted);
            if (key === 'LD_PRELOAD') {
                this.fail('env', line, 'no LD_PRELOAD: malloc-matrix sets it per cell (use allocators: name=/path/lib.so)');
            }
            if (val.includes('\0'))
                this.fail('env', line, 'values without NUL bytes');
            if (out.some(([k]) => k === key))
                this.fail('env', line, `${accepted}, each KEY at most once`);
            out.push([key, val]);
        }
        return out;
    }
    workingDirectory() {
        const accepted = 'a directory inside the workspace, such as . or bench';
        const value = this.required('working-directory', accepted);
        if (/[\0\n\r]/.test(value) || value.startsWith('/') || value.split(/[\\/]/).includes('..')) {
            this.fail('working-directory', value, accepted);
        }
        return value;
    }
    image(name) {
        const accepted = 'a Docker image reference such as bellsoft/alpaquita-linux-base:stream-musl';
        const value = this.required(name, accepted);
        if (!IMAGE_REF.test(value) || value.length > 255)
            this.fail(name, value, accepted);
        return value;
    }
    memoryLimit() {
        const value = this.read('memory-limit');
        if (value === undefined || value === '')
            return undefined;
        const accepted = 'a Docker memory size of at least 6m, such as 512m or 2g';
        const m = MEMORY_LIMIT.exec(value.trim());
        if (!m)
            this.fail('memory-limit', value, accepted);
        const unit = (m[2] ?? 'b').toLowerCase();
        const bytes = Number(m[1]) * { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[unit];
        if (bytes < 6 * 1024 ** 2)
            this.fail('memory-limit', value, accepted);
        return value.trim().toLowerCase();
    }
    baseline() {
        const accepted = 'none, auto, base, cache, or the path of an earlier results JSON file';
        const value = this.required('baseline', accepted);
        switch (value) {
            case 'none':
            case 'auto':
            case 'base':
            case 'cache':
                return { kind: value };
            default:
                if (/[\0\n\r]/.test(value) || !/\.json$/i.test(value))
                    this.fail('baseline', value, accepted);
                return { kind: 'file', path: value };
        }
    }
}
/** Splits a list on commas, whitespace and newlines, dropping empty items. */
function splitList(value) {
    return value
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
}

;// CONCATENATED MODULE: ./src/baseline/select.ts
function isPullRequest(event) {
    return event.eventName === 'pull_request' || event.eventName === 'pull_request_target';
}
function isPushToDefaultBranch(event) {
    return event.eventName === 'push' && event.branch !== undefined && event.branch === event.defaultBranch;
}
function selectBaseline(spec, event) {
    const saveToCache = (spec.kind === 'auto' || spec.kind === 'cache') && isPushToDefaultBranch(event);
    switch (spec.kind) {
        case 'none':
            return { plan: { kind: 'none', reason: 'no baseline was given (baseline: none)' }, saveToCache };
        case 'file':
            return { plan: { kind: 'file', path: spec.path }, saveToCache };
        case 'base':
            return { plan: basePlan(event), saveToCache };
        case 'cache':
            if (!isPullRequest(event) || event.branch === undefined) {
                return {
                    plan: {
                        kind: 'none',
                        reason: 'baseline: cache compares on pull requests only; this run saves results instead',
                    },
                    saveToCache,
                };
            }
            return { plan: { kind: 'cache', branch: event.branch }, saveToCache };
        case 'auto':
            if (isPullRequest(event))
                return { plan: basePlan(event), saveToCache };
            if (saveToCache) {
                return {
                    plan: { kind: 'none', reason: 'a push to the default branch: results are saved as the baseline' },
                    saveToCache,
                };
            }
            return {
                plan: { kind: 'none', reason: 'no baseline: not a pull request (baseline: auto)' },
                saveToCache,
            };
    }
}
function basePlan(event) {
    if (!isPullRequest(event) || event.baseSha === undefined) {
        return { kind: 'base-missing', reason: 'baseline: base needs a pull_request event with a base commit' };
    }
    return { kind: 'base', baseSha: event.baseSha };
}

;// CONCATENATED MODULE: ./src/base/rng.ts
// A small seeded pseudo-random generator. Every random choice the tool makes (the order of runs
// in a round, bootstrap resamples) goes through it, so that a recorded seed reproduces a run's
// plan and its statistics exactly.
//
// The generator is SplitMix32: a Weyl sequence (add the golden-ratio constant) scrambled by the
// MurmurHash3 32-bit finaliser. It is a dozen lines, has a full 2^32 period (the increment is
// odd), mixes well enough for shuffling and resampling, and every seed (including 0) is good. Writing it here avoids a dependency for something this small; it is not for secrets.

const UINT32_RANGE = 2 ** 32;
function createRng(seed) {
    if (!Number.isSafeInteger(seed)) {
        throw new Error(`Invalid RNG seed ${String(seed)}: expected an integer (it is used modulo 2^32).`);
    }
    let state = Number(BigInt.asUintN(32, BigInt(seed)));
    const nextUint32 = () => {
        state = (state + 0x9e3779b9) | 0;
        let z = state;
        z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
        z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
        return (z ^ (z >>> 16)) >>> 0;
    };
    // Split the 2^32 outputs into n equal buckets and reject the incomplete remainder: exactly
    // uniform. The bucket size is kept for the last n, since bootstraps ask for the same n a lot.
    let lastRange = Number.NaN; // never equal to anything, so the first call validates
    let bucket = 0;
    let limit = 0;
    const nextInt = (n) => {
        if (n !== lastRange) {
            if (!Number.isInteger(n) || n < 1 || n > UINT32_RANGE) {
                throw new Error(`Invalid range ${String(n)} for nextInt: expected an integer from 1 to 2^32.`);
            }
            lastRange = n;
            bucket = Math.floor(UINT32_RANGE / n);
            limit = bucket * n;
        }
        for (;;) {
            const x = nextUint32();
            if (x < limit)
                return Math.floor(x / bucket);
        }
    };
    return {
        nextUint32,
        nextFloat: () => nextUint32() / UINT32_RANGE,
        nextInt,
    };
}
/** A Fisher–Yates shuffle into a new array; the input is left untouched. */
function shuffle(items, rng) {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
        const j = rng.nextInt(i + 1);
        const tmp = out[i];
        out[i] = out[j];
        out[j] = tmp;
    }
    return out;
}
/** A fresh seed from the operating system's cryptographic source, for runs without one. */
function randomSeed() {
    return (0,external_node_crypto_.randomBytes)(4).readUInt32LE(0);
}

;// CONCATENATED MODULE: ./src/analysis/stats.ts


/** The modified z-score above which a sample is flagged (Iglewicz and Hoaglin's cut-off). */
const OUTLIER_Z = 3.5;
/** Bootstrap resamples for the interval of the median. */
const BOOTSTRAP_RESAMPLES = 2000;
function median(values) {
    return quantileOfSorted(sortedCopy(values, 'median'), 0.5);
}
function mean(values) {
    checkSample(values, 'mean');
    let sum = 0;
    for (const v of values)
        sum += v;
    return sum / values.length;
}
/** Sample standard deviation (n - 1 in the denominator); 0 for a single value. */
function stddev(values) {
    checkSample(values, 'stddev');
    if (values.length < 2)
        return 0;
    const m = mean(values);
    let squares = 0;
    for (const v of values)
        squares += (v - m) ** 2;
    return Math.sqrt(squares / (values.length - 1));
}
function min(values) {
    checkSample(values, 'min');
    return values.reduce((a, b) => Math.min(a, b));
}
function max(values) {
    checkSample(values, 'max');
    return values.reduce((a, b) => Math.max(a, b));
}
/**
 * The raw median absolute deviation, median(|x - median(x)|), in the units of the data. It is
 * NOT scaled by 1.4826 to estimate a normal sigma; the modified z-score applies 0.6745 instead.
 */
function mad(values) {
    const centre = median(values);
    return median(values.map((v) => Math.abs(v - centre)));
}
/**
 * Modified z-scores 0.6745 (x - median) / MAD. When more than half the samples are equal the MAD
 * is 0; the spread is then taken from the mean absolute deviation, z = (x - median) / (1.253314
 * meanAD) (1.253314 = sqrt(pi/2) makes both estimate a normal sigma), so a lone deviating sample
 * is still scored rather than becoming infinite. All scores are 0 when every sample is equal.
 */
function modifiedZScores(values) {
    const centre = median(values);
    const deviations = values.map((v) => Math.abs(v - centre));
    const rawMad = median(deviations);
    if (rawMad > 0)
        return values.map((v) => (0.6745 * (v - centre)) / rawMad);
    const meanDeviation = mean(deviations);
    if (meanDeviation === 0)
        return values.map(() => 0);
    return values.map((v) => (v - centre) / (1.253314 * meanDeviation));
}
/** Indices of samples whose |modified z-score| exceeds OUTLIER_Z. They are flagged, never dropped. */
function outlierIndices(values, threshold = OUTLIER_Z) {
    const out = [];
    modifiedZScores(values).forEach((z, i) => {
        if (Math.abs(z) > threshold)
            out.push(i);
    });
    return out;
}
/** The p-quantile of ascending values, interpolating linearly between order statistics. */
function quantileOfSorted(sorted, p) {
    if (sorted.length === 0)
        throw new Error('Invalid sample for a quantile: it is empty.');
    const position = (sorted.length - 1) * p;
    const below = Math.floor(position);
    const above = Math.ceil(position);
    const low = sorted[below];
    return low + (sorted[above] - low) * (position - below);
}
/**
 * A percentile-bootstrap confidence interval of the median, reproducible from `seed`.
 * The median of a resample is always one order statistic of the data (or the mean of two), and
 * which ones depends only on the sample size and the draws; so the draws are made once per
 * (n, seed, resamples) as rank positions and shared by every metric of a cell. With no sort per
 * resample, 2000 resamples of 50 values cost about a millisecond.
 */
function bootstrapMedianCi(values, seed, options = {}) {
    const resamples = options.resamples ?? BOOTSTRAP_RESAMPLES;
    const level = options.level ?? 0.95;
    if (!Number.isInteger(resamples) || resamples < 1) {
        throw new Error(`Invalid bootstrap resamples ${String(resamples)}: expected a positive integer.`);
    }
    if (!(level > 0 && level < 1)) {
        throw new Error(`Invalid confidence level ${String(level)}: expected a number strictly between 0 and 1.`);
    }
    const sorted = sortedCopy(values, 'bootstrap');
    const { low, high } = bootstrapMedianRanks(sorted.length, seed, resamples);
    const medians = new Float64Array(resamples);
    for (let b = 0; b < resamples; b++)
        medians[b] = (sorted[low[b]] + sorted[high[b]]) / 2;
    medians.sort();
    const tail = (1 - level) / 2;
    return [quantileOfSorted(medians, tail), quantileOfSorted(medians, 1 - tail)];
}
const rankCache = new Map();
const RANK_CACHE_LIMIT = 32;
/** For each resample, the positions in the sorted data of the two order statistics averaged as its median. */
function bootstrapMedianRanks(n, seed, resamples) {
    const key = `${n}:${seed}:${resamples}`;
    const cached = rankCache.get(key);
    if (cached)
        return cached;
    const rng = createRng(seed);
    const multiplicity = new Int32Array(n);
    const lowRank = Math.floor((n - 1) / 2);
    const highRank = Math.floor(n / 2);
    const low = new Int32Array(resamples);
    const high = new Int32Array(resamples);
    for (let b = 0; b < resamples; b++) {
        multiplicity.fill(0);
        for (let i = 0; i < n; i++)
            multiplicity[rng.nextInt(n)]++;
        // Walk the cumulative multiplicities to the positions holding ranks lowRank and highRank.
        let position = 0;
        let below = multiplicity[0];
        while (below <= lowRank)
            below += multiplicity[++position];
        low[b] = position;
        while (below <= highRank)
            below += multiplicity[++position];
        high[b] = position;
    }
    if (rankCache.size >= RANK_CACHE_LIMIT)
        rankCache.clear();
    const ranks = { low, high };
    rankCache.set(key, ranks);
    return ranks;
}
function summarize(values, seed) {
    checkSample(values, 'summary');
    return {
        n: values.length,
        median: median(values),
        mean: mean(values),
        stddev: stddev(values),
        min: min(values),
        max: max(values),
        mad: mad(values),
        ci95: bootstrapMedianCi(values, seed),
        outliers: outlierIndices(values),
    };
}
/** A run that exited with status 0, whatever its kind. */
function isSuccessfulRun(record) {
    return record.outcome === 'exited' && record.exitCode === 0;
}
/** A successful measured run: the only kind that enters statistics. */
function isSuccessfulMeasured(record) {
    return record.kind === 'measured' && isSuccessfulRun(record);
}
/** The value of one metric of a run: milliseconds for times, KiB for rss. */
function metricValue(record, metric) {
    switch (metric) {
        case 'wall':
            return record.wallMs;
        case 'cpu':
            return record.userMs + record.sysMs;
        case 'user':
            return record.userMs;
        case 'sys':
            return record.sysMs;
        case 'rss':
            return record.maxRssKiB;
    }
}
/** One metric of every successful measured run, in record order, with its round for pairing. */
function measuredSamples(records, metric) {
    return records.filter(isSuccessfulMeasured).map((r) => ({ round: r.round, value: metricValue(r, metric) }));
}
/**
 * Summaries of every metric over the cell's successful measured runs, or undefined when there
 * is none. Every metric is bootstrapped with the same seed (hence the same resampled ranks).
 */
function summarizeCell(records, seed) {
    const ok = records.filter(isSuccessfulMeasured);
    if (ok.length === 0)
        return undefined;
    const entries = METRICS.map((metric) => [
        metric,
        summarize(ok.map((r) => metricValue(r, metric)), seed),
    ]);
    return Object.fromEntries(entries);
}
function checkSample(values, what) {
    if (values.length === 0)
        throw new Error(`Invalid sample for ${what}: it is empty; at least one value is needed.`);
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0)
        throw new Error(`Invalid sample for ${what}: value ${bad} is ${String(values[bad])}; every value must be finite.`);
}
function sortedCopy(values, what) {
    checkSample(values, what);
    return values.slice().sort((a, b) => a - b);
}

;// CONCATENATED MODULE: ./src/results/runs.ts

const SIGNAL_NAMES = {
    1: 'SIGHUP',
    2: 'SIGINT',
    3: 'SIGQUIT',
    4: 'SIGILL',
    5: 'SIGTRAP',
    6: 'SIGABRT',
    7: 'SIGBUS',
    8: 'SIGFPE',
    9: 'SIGKILL',
    11: 'SIGSEGV',
    13: 'SIGPIPE',
    14: 'SIGALRM',
    15: 'SIGTERM',
};
function cellKey(libc, allocator, tree) {
    return `${libc}/${allocator}/${tree}`;
}
/** A short description of how one unsuccessful run ended, e.g. `signal 11 (SIGSEGV)`. */
function describeFailure(run) {
    switch (run.outcome) {
        case 'signaled': {
            const name = run.signal === null ? undefined : SIGNAL_NAMES[run.signal];
            return `signal ${run.signal ?? '?'}${name ? ` (${name})` : ''}`;
        }
        case 'timeout':
            return 'timed out';
        case 'oom':
            return 'killed by the OOM killer (memory-limit)';
        case 'exec-error':
            return `could not start: ${run.error ?? 'exec failed'}`;
        case 'exited':
            return `exit code ${run.exitCode ?? '?'}`;
    }
}
/** The status of a cell from its measured runs (proof and warm-up runs are not judged here). */
function statusFromRuns(measured) {
    const failures = measured.filter((r) => !isSuccessfulRun(r));
    if (measured.length === 0)
        return { status: 'failed', reason: 'no run was measured', failedRuns: 0 };
    if (failures.length === 0)
        return { status: 'ok', failedRuns: 0 };
    const counts = new Map();
    for (const f of failures)
        counts.set(describeFailure(f), (counts.get(describeFailure(f)) ?? 0) + 1);
    const detail = [...counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([what, n]) => (counts.size > 1 || failures.length < measured.length ? `${n}× ${what}` : what))
        .join(', ');
    if (failures.length < measured.length) {
        return {
            status: 'partial',
            reason: `${failures.length}/${measured.length} runs failed: ${detail}`,
            failedRuns: failures.length,
        };
    }
    const outcomes = new Set(failures.map((f) => f.outcome));
    let status = 'failed';
    if (outcomes.has('oom'))
        status = 'oom';
    else if (outcomes.size === 1 && outcomes.has('timeout'))
        status = 'timeout';
    const reason = status === 'timeout' ? `every run exceeded the timeout` : detail;
    return { status, reason, failedRuns: failures.length };
}
/**
 * A first measured run far slower than the rest usually means cold caches, page faults of a
 * fresh binary or a CPU still ramping up: not the allocator. It stays in the statistics (it is
 * flagged as an outlier there); this says so in words, with the fix.
 */
function slowFirstRunWarning(measured, warmup) {
    const ok = measured.filter(isSuccessfulRun).sort((a, b) => a.round - b.round);
    if (ok.length < 4)
        return undefined;
    const walls = ok.map((r) => r.wallMs);
    const first = walls[0];
    const rest = median(walls.slice(1));
    const z = modifiedZScores(walls)[0];
    if (!(rest > 0) || first < 1.5 * rest || z <= 3.5)
        return undefined;
    const advice = warmup === 0 ? 'set warmup to 1 or more' : `consider more than ${warmup} warm-up run(s)`;
    return `slow first run: the first measured run took ${(first / rest).toFixed(1)}× the median of the others (${advice})`;
}

;// CONCATENATED MODULE: ./src/measure/plan.ts

/**
 * Warm-up runs first, then `runs` measured rounds.
 *
 * Warm-up runs go round-robin in one seeded order (each variant `warmup` times), so that no
 * variant is warmed long before the others. A warm-up run's `position` is its index among that
 * variant's warm-ups (0 is the very first run of the variant), its `round` is -1.
 *
 * Each measured round runs every variant exactly once in an order shuffled for that round;
 * `position` is the place in the round.
 */
function planRounds(request) {
    const { variantIds, warmup, runs, seed } = request;
    checkVariantIds(variantIds);
    checkCount('warmup', warmup, 0);
    checkCount('runs', runs, 1);
    const rng = createRng(seed);
    const plan = [];
    const warmupOrder = shuffle(variantIds, rng);
    for (let w = 0; w < warmup; w++) {
        for (const variantId of warmupOrder)
            plan.push({ variantId, kind: 'warmup', round: -1, position: w });
    }
    let previous;
    for (let round = 0; round < runs; round++) {
        const order = drawRoundOrder(variantIds, rng, previous, runs);
        order.forEach((variantId, position) => plan.push({ variantId, kind: 'measured', round, position }));
        previous = order;
    }
    return plan;
}
/**
 * With more than one variant, a variant's measured runs can only all be adjacent when there are
 * exactly two rounds and it ends the first and opens the second; redraw the second order then.
 * Back-to-back repeats at round boundaries are otherwise allowed on purpose: forbidding them
 * would, with two variants, force ABAB..., a fixed order that turns linear drift into bias.
 */
function drawRoundOrder(ids, rng, previous, runs) {
    for (;;) {
        const order = shuffle(ids, rng);
        const joinsTheOnlyOtherRun = runs === 2 && previous !== undefined && ids.length > 1 && order[0] === previous[previous.length - 1];
        if (!joinsTheOnlyOtherRun)
            return order;
    }
}
/** One proof run per variant, before anything else; `position` is the index in the batch. */
function planProofRuns(variantIds) {
    checkVariantIds(variantIds);
    return variantIds.map((variantId, position) => ({ variantId, kind: 'proof', round: -1, position }));
}
function checkVariantIds(ids) {
    if (ids.length === 0)
        throw new Error('Invalid variant list: it is empty; at least one variant is needed.');
    const seen = new Set();
    for (const id of ids) {
        if (seen.has(id))
            throw new Error(`Invalid variant list: '${id}' appears twice; each id must be unique.`);
        seen.add(id);
    }
}
function checkCount(name, value, min) {
    if (!Number.isInteger(value) || value < min) {
        throw new Error(`Invalid ${name} ${String(value)}: expected an integer of at least ${min}.`);
    }
}

;// CONCATENATED MODULE: ./src/measure/proof.ts
// Judges whether an LD_PRELOAD library reached the processes that did the work, from what the
// tracer saw in a proof run. Pure: plain data in, a verdict with a readable reason out.

const FAILURE_TEXT = {
    static: 'is statically linked (no dynamic loader)',
    'env-cleared': 'had LD_PRELOAD removed from its environment',
    'not-mapped': 'did not map the library (the preload was ignored)',
};
function failureOf(p) {
    if (p.static)
        return 'static';
    if (!p.preloadInEnv)
        return 'env-cleared';
    return 'not-mapped';
}
/**
 * The shell's executables as seen by the tracer. The configured path may be a link (/bin/sh to
 * dash or busybox), so the resolved image is taken from the first traced process when it
 * exec'd exactly once: that process ran argv[0], which is the shell for shell commands.
 */
function shellExes(processes, shell) {
    const exes = new Set();
    if (shell === undefined)
        return exes;
    exes.add(shell);
    const first = processes[0];
    if (first && first.execs === 1 && first.exe !== '')
        exes.add(first.exe);
    return exes;
}
/**
 * The rule: the library must be mapped in every process that exec'd a program other than the
 * shell. When the command exec'd nothing but the shell, the shell processes are judged.
 */
function judgeProof(processes, opts) {
    const base = { library: opts.library, processes };
    const ran = processes.filter((p) => p.execs > 0);
    if (ran.length === 0) {
        return {
            ...base,
            applied: false,
            explanation: `the proof run saw no process start a program, so ${opts.library} could not be proven loaded`,
        };
    }
    const shells = shellExes(processes, opts.shell);
    const work = ran.filter((p) => !shells.has(p.exe));
    const judged = work.length > 0 ? work : ran;
    const unmapped = judged.filter((p) => !p.mapped);
    if (unmapped.length === 0)
        return { ...base, applied: true };
    // One phrase per program and reason, in the order the programs first appeared.
    const groups = new Map();
    for (const p of unmapped) {
        const failure = failureOf(p);
        const key = `${p.exe}\0${failure}`;
        const group = groups.get(key);
        if (group)
            group.count += 1;
        else
            groups.set(key, { exe: p.exe, failure, count: 1 });
    }
    const phrases = [...groups.values()].map(({ exe, failure, count }) => {
        const times = count > 1 ? ` (${count} processes)` : '';
        return `${exe || '(unknown program)'}${times} ${FAILURE_TEXT[failure]}`;
    });
    const lib = external_node_path_.posix.basename(opts.library);
    return {
        ...base,
        applied: false,
        explanation: `${lib} was not loaded in ${unmapped.length} of ${judged.length} benchmark process(es): ${phrases.join('; ')}`,
    };
}

;// CONCATENATED MODULE: ./src/measure/session.ts
// The measurement session: prepares one environment per libc through the executor, proves
// each preload, then measures every cell in interleaved, seeded rounds with one helper process
// per batch. A failure in one cell or one environment never stops the others.





/** Derives a per-environment seed so each container's order differs but is reproducible. */
function subSeed(seed, salt) {
    let h = seed >>> 0;
    for (const ch of salt)
        h = (Math.imul(h ^ ch.charCodeAt(0), 0x01000193) + 0x9e3779b9) >>> 0;
    return h;
}
class MeasurementSession {
    opts;
    environments = [];
    cells = new Map();
    variants = new Map();
    roundsDone = new Map();
    /** Cells whose batch died under them: their status says so and is not re-judged. */
    interrupted = new Set();
    constructor(opts) {
        this.opts = opts;
    }
    /** Prepares every environment; an environment that fails marks its cells and is skipped. */
    async prepare() {
        const { config, executor, progress, trees } = this.opts;
        for (const libc of this.opts.libcs) {
            progress.phase(`${libc}: preparing the environment`);
            let env;
            let info;
            try {
                env = await executor.prepare({
                    libc,
                    trees,
                    workingDirectory: config.workingDirectory,
                    setup: config.setup,
                    allocators: config.allocators.map((a) => a.kind === 'custom' ? { name: a.name, customPath: a.path } : { name: a.name }),
                });
                info = env.info;
            }
            catch (error) {
                if (isFatalForRun(error))
                    throw error;
                info = { libc, executor: executor.kind, allocators: {}, failure: messageOf(error) };
            }
            const actualLibc = info.libc;
            this.environments.push({ libc: actualLibc, env: info.failure ? undefined : env, info });
            if (info.failure && env)
                await env.dispose().catch(() => undefined);
            this.createCells(actualLibc, info, env);
        }
    }
    createCells(libc, info, env) {
        const { config } = this.opts;
        for (const tree of Object.keys(this.opts.trees)) {
            for (const allocator of config.allocators) {
                const cell = {
                    libc,
                    allocator: allocator.name,
                    tree,
                    status: 'ok',
                    runs: [],
                    failedRuns: 0,
                };
                this.cells.set(cellKey(libc, allocator.name, tree), cell);
                const alloc = info.allocators[allocator.name];
                if (info.failure || !env) {
                    cell.status = 'failed';
                    cell.reason = info.failure ?? 'environment unavailable';
                    continue;
                }
                const treeFailure = env.treeFailures[tree];
                if (treeFailure) {
                    cell.status = 'failed';
                    cell.reason = treeFailure;
                    continue;
                }
                if (allocator.name !== 'default' && (!alloc || alloc.status === 'unavailable')) {
                    cell.status = 'unavailable';
                    cell.reason = alloc?.reason ?? `${allocator.name} is not available`;
                    continue;
                }
                const cwd = env.treeDirs[tree];
                if (cwd === undefined) {
                    cell.status = 'failed';
                    cell.reason = `the ${tree} tree is not available in this environment`;
                    continue;
                }
                cell.library = alloc?.library;
                const id = cellKey(libc, allocator.name, tree);
                const variant = {
                    id,
                    argv: config.command.kind === 'shell' ? [env.shell, '-c', config.command.script] : config.command.argv,
                    cwd,
                    env: Object.fromEntries(config.env),
                    timeoutMs: config.timeoutMs,
                    ...(config.command.kind === 'shell' ? { shell: env.shell } : {}),
                    ...(alloc?.library && allocator.name !== 'default' ? { preload: alloc.library } : {}),
                };
                this.variants.set(id, { variant, libc });
            }
        }
    }
    /** Proof runs, then warm-ups and interleaved measured rounds, one environment at a time. */
    async measure() {
        for (const live of this.environments) {
            if (!live.env)
                continue;
            await this.proveEnvironment(live.libc, live.env);
            const ids = this.measurableIds(live.libc);
            if (ids.length === 0)
                continue;
            await this.measureRounds(live.libc, live.env, ids, Math.max(0, this.opts.config.warmup - 1), this.opts.config.runs);
        }
        this.summarizeAll();
    }
    /** More rounds for the given cells (all their trees), e.g. to settle inconclusive verdicts. */
    async remeasure(cells) {
        for (const live of this.environments) {
            if (!live.env)
                continue;
            const ids = this.measurableIds(live.libc).filter((id) => cells.some((c) => c.libc === live.libc && id.startsWith(`${c.libc}/${c.allocator}/`)));
            if (ids.length === 0)
                continue;
            await this.measureRounds(live.libc, live.env, ids, 0, this.opts.config.runs);
        }
        this.summarizeAll();
    }
    measurableIds(libc) {
        return [...this.variants.entries()]
            .filter(([id, v]) => v.libc === libc && this.cells.get(id)?.status === 'ok')
            .map(([id]) => id);
    }
    async proveEnvironment(libc, env) {
        const ids = [...this.variants.entries()].filter(([, v]) => v.libc === libc).map(([id]) => id);
        if (ids.length === 0)
            return;
        const batch = {
            variants: ids.map((id) => this.variants.get(id).variant),
            runs: planProofRuns(ids),
        };
        await this.runBatch(`${libc}: proving preloads`, env, batch);
        for (const id of ids) {
            const cell = this.cells.get(id);
            const variant = this.variants.get(id).variant;
            const proofRun = cell.runs.find((r) => r.kind === 'proof');
            if (!proofRun) {
                cell.status = 'failed';
                cell.reason = 'the proof run did not report';
                continue;
            }
            if (proofRun.outcome === 'timeout') {
                // A run that times out once would cost the full timeout every round: stop here.
                cell.status = 'timeout';
                cell.reason = `the first run exceeded the timeout (${this.opts.config.timeoutMs} ms)`;
                continue;
            }
            if (proofRun.outcome === 'exec-error') {
                cell.status = 'failed';
                cell.reason = `exit code 127: ${proofRun.error ?? 'could not start the command'}`;
                continue;
            }
            if (variant.preload) {
                const proof = judgeProof(proofRun.processes ?? [], {
                    library: variant.preload,
                    shell: variant.shell,
                });
                cell.proof = proof;
                if (proof.applied === false) {
                    cell.status = 'not-applied';
                    cell.reason = proof.explanation ?? 'the preloaded library was not loaded';
                }
            }
            else {
                cell.proof = { applied: null };
            }
        }
    }
    async measureRounds(libc, env, ids, warmup, runs) {
        const firstRound = this.roundsDone.get(libc) ?? 0;
        const planned = planRounds({
            variantIds: ids,
            warmup,
            runs,
            seed: subSeed(this.opts.config.seed, `${libc}#${firstRound}`),
        }).map((r) => (r.kind === 'measured' ? { ...r, round: r.round + firstRound } : r));
        this.roundsDone.set(libc, firstRound + runs);
        const batch = { variants: ids.map((id) => this.variants.get(id).variant), runs: planned };
        await this.runBatch(`${libc}: measuring`, env, batch);
    }
    async runBatch(label, env, batch) {
        const { progress } = this.opts;
        progress.batchStart(label, batch.runs.length);
        // Records received in this batch alone: cells also hold runs of earlier batches.
        const received = new Map();
        let done = 0;
        try {
            await env.runBatch(batch, ({ variantId, record }) => {
                done += 1;
                received.set(variantId, (received.get(variantId) ?? 0) + 1);
                this.cells.get(variantId)?.runs.push(record);
                progress.runDone(label, done, batch.runs.length, variantId);
            });
        }
        catch (error) {
            // The helper or the engine died mid-batch: keep what was recorded, mark the rest.
            const message = messageOf(error);
            for (const variant of batch.variants) {
                const cell = this.cells.get(variant.id);
                const expected = batch.runs.filter((r) => r.variantId === variant.id).length;
                if (cell && cell.status === 'ok' && (received.get(variant.id) ?? 0) < expected) {
                    cell.status = 'failed';
                    cell.reason = `measurement interrupted: ${message}`;
                    this.interrupted.add(variant.id);
                }
            }
        }
        finally {
            progress.batchEnd(label);
        }
    }
    summarizeAll() {
        for (const [id, cell] of this.cells) {
            if (!this.variants.has(id))
                continue;
            if (cell.status === 'not-applied' || cell.status === 'unavailable')
                continue;
            const measured = cell.runs.filter((r) => r.kind === 'measured');
            // A cell stopped before its rounds (the proof run timed out or could not start) keeps its status.
            if (measured.length === 0 && cell.status !== 'ok')
                continue;
            if (!this.interrupted.has(id)) {
                const judged = statusFromRuns(measured);
                cell.status = judged.status;
                cell.reason = judged.reason;
                cell.failedRuns = judged.failedRuns;
            }
            const summary = summarizeCell(cell.runs, subSeed(this.opts.config.seed, id));
            if (summary)
                cell.summary = summary;
            else
                delete cell.summary;
            const slow = slowFirstRunWarning(measured, this.opts.config.warmup);
            if (slow)
                cell.warnings = [slow];
            else
                delete cell.warnings;
        }
    }
    environmentsInfo() {
        return this.environments.map((e) => e.info);
    }
    cellResults() {
        return [...this.cells.values()];
    }
    async close() {
        for (const live of this.environments) {
            if (live.env)
                await live.env.dispose().catch(() => undefined);
        }
        await this.opts.executor.cleanup().catch(() => undefined);
    }
}
/** Errors that mean the whole run cannot go on (no Docker engine at all). */
function isFatalForRun(error) {
    return error instanceof Error && error.name === 'EngineUnavailableError';
}

;// CONCATENATED MODULE: ./src/baseline/environments.ts
function compareEnvironments(head, base) {
    const hostReasons = compareHosts(head, base);
    const differences = {};
    for (const headEnv of head.environments) {
        const baseEnv = base.environments.find((env) => env.libc === headEnv.libc);
        differences[headEnv.libc] = [
            ...hostReasons,
            ...(baseEnv === undefined
                ? [`the baseline has no ${headEnv.libc} environment`]
                : compareEnvs(headEnv, baseEnv)),
        ];
    }
    return differences;
}
function compareHosts(head, base) {
    const reasons = [];
    if (head.host.arch !== base.host.arch) {
        reasons.push(`architecture differs: baseline ran on ${base.host.arch}, this run on ${head.host.arch}`);
    }
    if (head.host.cpuModel !== base.host.cpuModel) {
        reasons.push(`CPU model differs: baseline ran on ${base.host.cpuModel}, this run on ${head.host.cpuModel}`);
    }
    if (head.host.cores !== base.host.cores) {
        reasons.push(`core count differs: baseline had ${base.host.cores}, this run ${head.host.cores}`);
    }
    return reasons;
}
function compareEnvs(head, base) {
    const reasons = [];
    const libc = head.libc;
    if (base.failure !== undefined)
        reasons.push(`the baseline's ${libc} environment failed: ${base.failure}`);
    if (head.executor !== base.executor) {
        reasons.push(`executor differs: baseline ran ${where(base.executor)}, this run ${where(head.executor)}`);
    }
    if (head.imageDigest !== undefined &&
        base.imageDigest !== undefined &&
        head.imageDigest !== base.imageDigest) {
        reasons.push(`${libc} image digest differs: baseline ${shortDigest(base.imageDigest)}, this run ${shortDigest(head.imageDigest)}`);
    }
    if (head.libcVersion !== undefined &&
        base.libcVersion !== undefined &&
        head.libcVersion !== base.libcVersion) {
        reasons.push(`${libc} version differs: baseline ${base.libcVersion}, this run ${head.libcVersion}`);
    }
    if (head.muslFlavor !== undefined && base.muslFlavor !== undefined && head.muslFlavor !== base.muslFlavor) {
        reasons.push(`musl flavour differs: baseline ${base.muslFlavor}, this run ${head.muslFlavor}`);
    }
    return reasons;
}
function where(executor) {
    return executor === 'docker' ? 'in a container' : 'on the host';
}
/** `sha256:4f1d2c3b4a59…`: enough to tell two digests apart in a report line. */
function shortDigest(digest) {
    const [algorithm, hex] = digest.includes(':') ? digest.split(':', 2) : ['', digest];
    const short = hex.length > 12 ? `${hex.slice(0, 12)}…` : hex;
    return algorithm === '' ? short : `${algorithm}:${short}`;
}

;// CONCATENATED MODULE: ./src/analysis/comparable.ts

/** Builds one side of a cell from its recorded runs. */
function gateSide(cell, metric) {
    const side = {
        status: cell.status,
        timing: measuredSamples(cell.runs, metric),
        rss: measuredSamples(cell.runs, 'rss'),
    };
    if (cell.reason !== undefined)
        side.reason = cell.reason;
    return side;
}
/** Why the cell's `kind` samples cannot be compared, or undefined when they can. */
function whyNotComparable(cell, kind, options, minRuns) {
    if (cell.notComparableReason !== undefined)
        return cell.notComparableReason;
    for (const [name, side] of [
        ['head', cell.head],
        ['baseline', cell.baseline],
    ]) {
        if (side.status !== 'ok')
            return `the ${name} cell is ${side.status}${side.reason ? `: ${side.reason}` : ''}`;
        const nonPositive = side[kind].filter((s) => !(s.value > 0)).length;
        if (nonPositive > 0) {
            const what = kind === 'rss' ? 'peak RSS' : `${options.metric} time`;
            return `the ${name} ${what} is zero (or invalid) in ${nonPositive} run(s), so ratios are undefined`;
        }
    }
    if (options.paired) {
        const rounds = pairSamples(cell, kind).length;
        if (rounds < minRuns) {
            return `only ${rounds} round(s) where head and baseline both succeeded; at least ${minRuns} needed`;
        }
    }
    else {
        for (const [name, side] of [
            ['head', cell.head],
            ['baseline', cell.baseline],
        ]) {
            if (side[kind].length < minRuns) {
                return `only ${side[kind].length} successful run(s) on the ${name} side; at least ${minRuns} needed`;
            }
        }
    }
    return undefined;
}
/** Log values [base, head]; when paired, aligned by round (rounds missing on either side dropped). */
function logSamples(cell, kind, paired) {
    if (paired) {
        const pairs = pairSamples(cell, kind);
        return [pairs.map(([b]) => Math.log(b)), pairs.map(([, h]) => Math.log(h))];
    }
    return [cell.baseline[kind].map((s) => Math.log(s.value)), cell.head[kind].map((s) => Math.log(s.value))];
}
function pairSamples(cell, kind) {
    const baseByRound = new Map();
    for (const s of cell.baseline[kind]) {
        if (baseByRound.has(s.round)) {
            throw new Error(`Invalid baseline samples of ${cell.libc}/${cell.allocator}: round ${s.round} appears twice; pairing needs one run per round.`);
        }
        baseByRound.set(s.round, s.value);
    }
    const seen = new Set();
    const pairs = [];
    for (const s of cell.head[kind]) {
        if (seen.has(s.round)) {
            throw new Error(`Invalid head samples of ${cell.libc}/${cell.allocator}: round ${s.round} appears twice; pairing needs one run per round.`);
        }
        seen.add(s.round);
        const b = baseByRound.get(s.round);
        if (b !== undefined)
            pairs.push([b, s.value]);
    }
    return pairs;
}

;// CONCATENATED MODULE: ./src/analysis/normal.ts
// The standard normal distribution, for the large-sample approximations of the rank tests.
// erfc comes from its Maclaurin series near zero and from its continued fraction in the tails,
// which keeps relative accuracy in the far tails where p-values of clear changes live.
const SQRT_PI = Math.sqrt(Math.PI);
function erfSeries(x) {
    // erf(x) = 2/sqrt(pi) * sum_k (-1)^k x^(2k+1) / (k! (2k+1))
    let term = x;
    let sum = x;
    const x2 = x * x;
    for (let k = 1; k < 200; k++) {
        term *= -x2 / k;
        const add = term / (2 * k + 1);
        sum += add;
        if (Math.abs(add) < 1e-17 * Math.abs(sum))
            break;
    }
    return (2 / SQRT_PI) * sum;
}
function erfcContinuedFraction(x) {
    // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), x > 0,
    // evaluated with the modified Lentz method.
    const tiny = 1e-300;
    let f = x;
    let c = x;
    let d = 0;
    for (let k = 1; k < 500; k++) {
        const a = k / 2;
        d = x + a * d;
        d = Math.abs(d) < tiny ? tiny : d;
        c = x + a / c;
        c = Math.abs(c) < tiny ? tiny : c;
        d = 1 / d;
        const delta = c * d;
        f *= delta;
        if (Math.abs(delta - 1) < 1e-16)
            break;
    }
    return Math.exp(-x * x) / (SQRT_PI * f);
}
/** The complementary error function. */
function erfc(x) {
    if (Number.isNaN(x))
        return NaN;
    if (x < 0)
        return 2 - erfc(-x);
    return x < 2.5 ? 1 - erfSeries(x) : erfcContinuedFraction(x);
}
/** P(Z <= z) for a standard normal Z. */
function normalCdf(z) {
    return 0.5 * erfc(-z / Math.SQRT2);
}
/** P(Z >= z) for a standard normal Z, accurate in the upper tail. */
function normalSurvival(z) {
    return 0.5 * erfc(z / Math.SQRT2);
}
/** The z with P(Z <= z) = p, found by bisection (called rarely, so robustness beats speed). */
function normalQuantile(p) {
    if (!(p > 0 && p < 1))
        throw new Error(`Invalid probability ${String(p)}: expected a number strictly between 0 and 1.`);
    let lo = -40;
    let hi = 40;
    for (let i = 0; i < 200 && hi - lo > 1e-15; i++) {
        const mid = (lo + hi) / 2;
        if (normalCdf(mid) < p)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}

;// CONCATENATED MODULE: ./src/analysis/rank-tests.ts
// Distribution-free location tests and the matching estimators and intervals:
// - paired data: Wilcoxon signed-rank test, one-sample Hodges–Lehmann estimate, Walsh-average interval;
// - unpaired data: Wilcoxon–Mann–Whitney rank-sum test, two-sample Hodges–Lehmann shift, its interval.
// Benchmark timings are skewed and heavy-tailed, so rank methods keep their stated error rates
// where t-tests would not. Exact null distributions are used up to 50 observations (per sample),
// normal approximations with tie and continuity corrections above.


/** Sample sizes up to which the exact null distribution is computed. */
const EXACT_LIMIT = 50;
/** The one-sample Hodges–Lehmann estimate: the median of all Walsh averages (x_i + x_j)/2, i <= j. */
function hodgesLehmann(values) {
    return median(walshAverages(values));
}
/** The two-sample Hodges–Lehmann shift of `y` over `x`: the median of all differences y_j - x_i. */
function hodgesLehmannShift(x, y) {
    return median(pairwiseDifferences(x, y));
}
/**
 * Wilcoxon signed-rank test of H0 "the differences are symmetric about 0". Zeros are dropped
 * (Wilcoxon's convention) and tied magnitudes get mid-ranks. Up to EXACT_LIMIT non-zero values
 * the exact permutation distribution is computed, conditional on the ties, by counting sign
 * assignments over doubled (hence integer) mid-ranks.
 */
function signedRankTest(differences, alternative, exactLimit = EXACT_LIMIT) {
    checkFinite('differences', differences);
    const nonZero = differences.filter((d) => d !== 0);
    const n = nonZero.length;
    if (n === 0)
        return { statistic: 0, pValue: 1, exact: true, n };
    const { ranks, tieGroups } = midRanks(nonZero.map(Math.abs));
    let tPlus = 0;
    nonZero.forEach((d, i) => {
        if (d > 0)
            tPlus += ranks[i];
    });
    if (n <= exactLimit) {
        const doubled = ranks.map((r) => Math.round(2 * r));
        const counts = subsetSumCounts(doubled);
        const observed = Math.round(2 * tPlus);
        let tail = 0;
        for (let s = 0; s < counts.length; s++) {
            if (alternative === 'greater' ? s >= observed : s <= observed)
                tail += counts[s];
        }
        return { statistic: tPlus, pValue: Math.min(1, tail / 2 ** n), exact: true, n };
    }
    const mean = (n * (n + 1)) / 4;
    const tieCorrection = tieGroups.reduce((acc, t) => acc + (t ** 3 - t), 0) / 48;
    const sd = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieCorrection);
    return { statistic: tPlus, pValue: continuityTail(tPlus, mean, sd, alternative), exact: false, n };
}
/**
 * The two-sided confidence interval for the centre of symmetry that inverts the signed-rank
 * test: order statistics of the Walsh averages, cut where the no-ties null distribution puts
 * (1 - level)/2 in each tail (the usual convention; ties make it slightly conservative). Infinite ends mean the sample is too small to
 * reach the level at all (fewer than 6 values for 95%).
 */
function signedRankInterval(values, level = 0.95, exactLimit = EXACT_LIMIT) {
    checkFinite('values', values);
    checkLevel(level);
    const n = values.length;
    if (n === 0)
        throw new Error('Invalid sample for a signed-rank interval: it is empty.');
    const walsh = walshAverages(values).sort((a, b) => a - b);
    const half = (1 - level) / 2;
    let cut;
    if (n <= exactLimit) {
        cut = lowerCutFromCounts(signedRankCountsWithoutTies(n), 2 ** n, half);
    }
    else {
        const mean = (n * (n + 1)) / 4;
        const sd = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24);
        cut = Math.floor(mean + normalQuantile(half) * sd - 0.5);
    }
    return orderStatisticInterval(walsh, cut);
}
/**
 * Wilcoxon–Mann–Whitney rank-sum test of H0 "x and y come from the same distribution". Exact
 * (no-ties distribution) when both samples have at most EXACT_LIMIT values and nothing is tied;
 * otherwise the normal approximation with tie and continuity corrections.
 */
function rankSumTest(x, y, alternative, exactLimit = EXACT_LIMIT) {
    checkFinite('x', x);
    checkFinite('y', y);
    const m = x.length;
    const n = y.length;
    if (m === 0 || n === 0)
        throw new Error(`Invalid samples for a rank-sum test: sizes ${m} and ${n}, both must be non-empty.`);
    const { ranks, tieGroups } = midRanks([...x, ...y]);
    let rankSumY = 0;
    for (let j = 0; j < n; j++)
        rankSumY += ranks[m + j];
    const u = rankSumY - (n * (n + 1)) / 2;
    const hasTies = tieGroups.some((t) => t > 1);
    if (!hasTies && m <= exactLimit && n <= exactLimit) {
        const probabilities = rankSumDistribution(m, n);
        let tail = 0;
        for (let k = 0; k < probabilities.length; k++) {
            if (alternative === 'greater' ? k >= u : k <= u)
                tail += probabilities[k];
        }
        return { statistic: u, pValue: Math.min(1, tail), exact: true, n: m + n };
    }
    const total = m + n;
    const tieTerm = tieGroups.reduce((acc, t) => acc + (t ** 3 - t), 0) / (total * (total - 1));
    const sd = Math.sqrt(((m * n) / 12) * (total + 1 - tieTerm));
    return { statistic: u, pValue: continuityTail(u, (m * n) / 2, sd, alternative), exact: false, n: total };
}
/** The two-sided confidence interval of the shift of `y` over `x` that inverts the rank-sum test. */
function rankSumInterval(x, y, level = 0.95, exactLimit = EXACT_LIMIT) {
    checkFinite('x', x);
    checkFinite('y', y);
    checkLevel(level);
    const m = x.length;
    const n = y.length;
    if (m === 0 || n === 0)
        throw new Error(`Invalid samples for a rank-sum interval: sizes ${m} and ${n}, both must be non-empty.`);
    const differences = pairwiseDifferences(x, y).sort((a, b) => a - b);
    const half = (1 - level) / 2;
    let cut;
    if (m <= exactLimit && n <= exactLimit) {
        cut = lowerCutFromCounts(rankSumDistribution(m, n), 1, half);
    }
    else {
        const sd = Math.sqrt((m * n * (m + n + 1)) / 12);
        cut = Math.floor((m * n) / 2 + normalQuantile(half) * sd - 0.5);
    }
    return orderStatisticInterval(differences, cut);
}
// ---- internals -------------------------------------------------------------------------------
function walshAverages(values) {
    const out = [];
    for (let i = 0; i < values.length; i++) {
        for (let j = i; j < values.length; j++)
            out.push((values[i] + values[j]) / 2);
    }
    return out;
}
function pairwiseDifferences(x, y) {
    const out = [];
    for (const b of y)
        for (const a of x)
            out.push(b - a);
    return out;
}
/** Mid-ranks (1-based) of the values, and the sizes of the groups of equal values. */
function midRanks(values) {
    const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    const ranks = new Array(values.length);
    const tieGroups = [];
    for (let start = 0; start < order.length;) {
        let end = start + 1;
        while (end < order.length && values[order[end]] === values[order[start]])
            end++;
        const rank = (start + 1 + end) / 2;
        for (let k = start; k < end; k++)
            ranks[order[k]] = rank;
        tieGroups.push(end - start);
        start = end;
    }
    return { ranks, tieGroups };
}
/** counts[s] = number of subsets of `weights` summing to s. Exact: the total 2^n stays below 2^53. */
function subsetSumCounts(weights) {
    const total = weights.reduce((a, b) => a + b, 0);
    const counts = new Float64Array(total + 1);
    counts[0] = 1;
    let reach = 0;
    for (const w of weights) {
        for (let s = reach; s >= 0; s--)
            counts[s + w] = counts[s + w] + counts[s];
        reach += w;
    }
    return counts;
}
const signedRankCache = new Map();
function signedRankCountsWithoutTies(n) {
    let counts = signedRankCache.get(n);
    if (!counts) {
        counts = subsetSumCounts(Array.from({ length: n }, (_, i) => i + 1));
        signedRankCache.set(n, counts);
    }
    return counts;
}
const rankSumCache = new Map();
/**
 * P(U = k) for sample sizes m and n without ties. Recursion on the largest pooled value: it is a
 * y (probability n/(m+n)) and then lies above all m x's, or an x and adds nothing. Probabilities
 * rather than counts, because C(100, 50) is far beyond exact double integers.
 */
function rankSumDistribution(m, n) {
    const key = `${Math.min(m, n)},${Math.max(m, n)}`;
    const cached = rankSumCache.get(key);
    if (cached)
        return cached;
    // row[j] holds the distribution for (i, j) while iterating i = 0..m.
    let row = Array.from({ length: n + 1 }, () => Float64Array.of(1));
    for (let i = 1; i <= m; i++) {
        const next = [Float64Array.of(1)];
        for (let j = 1; j <= n; j++) {
            const dist = new Float64Array(i * j + 1);
            const fromX = row[j]; // largest is an x: (i-1, j), U unchanged
            const fromY = next[j - 1]; // largest is a y: (i, j-1), U + i
            const px = i / (i + j);
            const py = j / (i + j);
            for (let k = 0; k < fromX.length; k++)
                dist[k] = dist[k] + px * fromX[k];
            for (let k = 0; k < fromY.length; k++)
                dist[k + i] = dist[k + i] + py * fromY[k];
            next.push(dist);
        }
        row = next;
    }
    const result = row[n];
    rankSumCache.set(key, result);
    return result;
}
/** The largest t with P(T <= t) <= alpha (counts scaled by `total`), or -1 when even t = 0 exceeds it. */
function lowerCutFromCounts(counts, total, alpha) {
    let cumulative = 0;
    for (let t = 0; t < counts.length; t++) {
        cumulative += counts[t] / total;
        // A relative slack keeps P exactly equal to alpha (e.g. 25/1024 vs 0.0244...) on the right side.
        if (cumulative > alpha * (1 + 1e-12))
            return t - 1;
    }
    return counts.length - 1;
}
function orderStatisticInterval(sorted, cut) {
    if (cut < 0)
        return [-Infinity, Infinity];
    const k = Math.min(cut, Math.floor((sorted.length - 1) / 2));
    return [sorted[k], sorted[sorted.length - 1 - k]];
}
function continuityTail(statistic, mean, sd, alternative) {
    if (sd === 0)
        return 1;
    return alternative === 'greater'
        ? normalSurvival((statistic - mean - 0.5) / sd)
        : normalCdf((statistic - mean + 0.5) / sd);
}
function checkFinite(name, values) {
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0)
        throw new Error(`Invalid ${name}[${bad}] = ${String(values[bad])}: every value must be a finite number.`);
}
function checkLevel(level) {
    if (!(level > 0 && level < 1))
        throw new Error(`Invalid confidence level ${String(level)}: expected a number strictly between 0 and 1.`);
}

;// CONCATENATED MODULE: ./src/analysis/verdict.ts
// The regression gate: for each cell, did head get slower than the baseline by more than the
// threshold, with confidence, across the whole family of cells? Pure: samples in, verdicts out.
//
// Timing is judged on log ratios, so a change is relative and symmetric to compute with:
// - paired (base and head ran in the same rounds): per-round d = log(head/base); the estimate is
//   the one-sample Hodges–Lehmann of d, the tests Wilcoxon signed-rank on d - log(1 + t) and
//   d - log(1 - t), the interval the Walsh-average interval.
// - unpaired (a stored result from another job): the Hodges–Lehmann shift of log(head) over
//   log(base), with the Mann–Whitney test and its inverted interval. Chosen over a bootstrap
//   because it is exact for small samples, needs no seed to be reproducible, and is the
//   unpaired twin of the paired method, so both paths mean the same thing by "confident".
// Regression and improvement are each one Holm family over all comparable cells (per
// direction), so an A/A run of ten cells does not flag a cell far more often than alpha.
// Peak RSS barely varies, so memory is judged on its median change against its own threshold.




/**
 * Holm's step-down procedure: sort p ascending and reject while p_(i) <= alpha / (m - i + 1)
 * (i from 1); everything after the first non-rejection stands. Returns, per input, rejected?
 */
function holmRejections(pValues, alpha) {
    const order = pValues.map((_, i) => i).sort((a, b) => pValues[a] - pValues[b]);
    const rejected = pValues.map(() => false);
    const m = pValues.length;
    for (let i = 0; i < m; i++) {
        const index = order[i];
        if (pValues[index] > alpha / (m - i))
            break;
        rejected[index] = true;
    }
    return rejected;
}
/**
 * Verdicts for every cell: its timing comparison (metric `options.metric`), then its memory
 * comparison (`rss`), in input order. `pValue` is the one-sided p-value, before Holm, of the
 * test in the direction of the verdict (for `unchanged`, the direction of the estimate).
 */
function judgeCells(cells, options) {
    const alpha = options.alpha ?? 0.05;
    const minRuns = options.minRuns ?? 6;
    const level = options.intervalLevel ?? 0.95;
    checkFraction('threshold', options.threshold);
    checkFraction('memory threshold', options.memoryThreshold);
    if (!(alpha > 0 && alpha < 1))
        throw new Error(`Invalid alpha ${String(alpha)}: expected a number strictly between 0 and 1.`);
    if (!(level > 0 && level < 1))
        throw new Error(`Invalid interval level ${String(level)}: expected a number strictly between 0 and 1.`);
    if (!Number.isInteger(minRuns) || minRuns < 1)
        throw new Error(`Invalid minRuns ${String(minRuns)}: expected a positive integer.`);
    const upper = Math.log1p(options.threshold);
    const lower = Math.log1p(-options.threshold);
    const timing = cells.map((cell) => {
        const blocked = whyNotComparable(cell, 'timing', options, minRuns);
        if (blocked !== undefined)
            return { blocked };
        const [base, head] = logSamples(cell, 'timing', options.paired);
        return { analysis: analyseTiming(base, head, options.paired, upper, lower, level) };
    });
    const analysed = timing.flatMap((t) => (t.analysis ? [t.analysis] : []));
    const regressions = holmRejections(analysed.map((a) => a.pRegression), alpha);
    const improvements = holmRejections(analysed.map((a) => a.pImprovement), alpha);
    const out = [];
    let k = 0;
    cells.forEach((cell, i) => {
        const base = { libc: cell.libc, allocator: cell.allocator, paired: options.paired };
        const t = timing[i];
        if (t.analysis === undefined) {
            out.push({
                ...base,
                metric: options.metric,
                verdict: 'not-comparable',
                reason: t.blocked ?? 'not analysed',
            });
        }
        else {
            const a = t.analysis;
            const verdict = regressions[k]
                ? 'regressed'
                : improvements[k]
                    ? 'improved'
                    : a.estimate > upper
                        ? 'inconclusive'
                        : 'unchanged';
            k++;
            const useImprovementP = verdict === 'improved' || (verdict === 'unchanged' && a.estimate < 0);
            out.push({
                ...base,
                metric: options.metric,
                verdict,
                change: Math.expm1(a.estimate),
                ...relativeInterval(a.interval),
                pValue: useImprovementP ? a.pImprovement : a.pRegression,
            });
        }
        out.push({ ...base, ...judgeMemory(cell, options, minRuns, level) });
    });
    return out;
}
/** The timing cells still inconclusive: the ones worth one more batch of rounds. */
function cellsToRetry(comparisons) {
    return comparisons
        .filter((c) => c.metric !== 'rss' && c.verdict === 'inconclusive')
        .map((c) => ({ libc: c.libc, allocator: c.allocator }));
}
function analyseTiming(base, head, paired, upper, lower, level) {
    if (paired) {
        const ratios = head.map((h, i) => h - base[i]);
        return {
            estimate: hodgesLehmann(ratios),
            interval: signedRankInterval(ratios, level),
            pRegression: signedRankTest(ratios.map((d) => d - upper), 'greater').pValue,
            pImprovement: signedRankTest(ratios.map((d) => d - lower), 'less').pValue,
        };
    }
    return {
        estimate: hodgesLehmannShift(base, head),
        interval: rankSumInterval(base, head, level),
        pRegression: rankSumTest(base, head.map((h) => h - upper), 'greater').pValue,
        pImprovement: rankSumTest(base, head.map((h) => h - lower), 'less').pValue,
    };
}
function judgeMemory(cell, options, minRuns, level) {
    const blocked = whyNotComparable(cell, 'rss', options, minRuns);
    if (blocked !== undefined)
        return { metric: 'rss', verdict: 'not-comparable', reason: blocked };
    const [base, head] = logSamples(cell, 'rss', options.paired);
    let change;
    let interval;
    if (options.paired) {
        const ratios = head.map((h, i) => h - base[i]);
        change = Math.expm1(median(ratios)); // the median per-round ratio
        interval = signedRankInterval(ratios, level);
    }
    else {
        change = median(cell.head.rss.map((s) => s.value)) / median(cell.baseline.rss.map((s) => s.value)) - 1;
        interval = rankSumInterval(base, head, level);
    }
    const verdict = change > options.memoryThreshold
        ? 'regressed'
        : change < -options.memoryThreshold
            ? 'improved'
            : 'unchanged';
    return { metric: 'rss', verdict, change, ...relativeInterval(interval) };
}
/** The interval as relative changes; left out when the sample cannot reach the level (infinite ends). */
function relativeInterval(interval) {
    if (!Number.isFinite(interval[0]) || !Number.isFinite(interval[1]))
        return {};
    return { interval: [Math.expm1(interval[0]), Math.expm1(interval[1])] };
}
function checkFraction(name, value) {
    if (!(value >= 0 && value < 1)) {
        throw new Error(`Invalid ${name} ${String(value)}: expected a fraction from 0 (inclusive) to 1, e.g. 0.05 for 5%.`);
    }
}

;// CONCATENATED MODULE: ./src/analysis/compare.ts
// Pure: turns the measured cells and a baseline into gate cells for verdict.ts. Paired when the
// base tree ran in the same rounds of the same container; unpaired against a stored result, in
// which case environments that differ (CPU model, image digest...) make cells not comparable.


/** The baseline side of a cell the baseline never had (another allocator list, say). */
const NO_SUCH_CELL = {
    status: 'failed',
    reason: 'the baseline has no such cell',
    timing: [],
    rss: [],
};
function compareResults(request) {
    const heads = request.cells.filter((c) => c.tree === 'head');
    const differences = request.baseline
        ? compareEnvironments({ host: request.host, environments: request.environments }, request.baseline)
        : {};
    const gateCells = heads.map((head) => {
        const base = request.baseline
            ? request.baseline.cells.find((c) => c.tree === 'head' && c.libc === head.libc && c.allocator === head.allocator)
            : request.cells.find((c) => c.tree === 'base' && c.libc === head.libc && c.allocator === head.allocator);
        const reasons = differences[head.libc] ?? [];
        return {
            libc: head.libc,
            allocator: head.allocator,
            head: gateSide(head, request.metric),
            baseline: base ? gateSide(base, request.metric) : NO_SUCH_CELL,
            ...(reasons.length > 0 ? { notComparableReason: reasons.join('; ') } : {}),
        };
    });
    return judgeCells(gateCells, {
        metric: request.metric,
        threshold: request.threshold,
        memoryThreshold: request.memoryThreshold,
        paired: request.paired,
        minRuns: request.minRuns,
        // The gate rejects on a one-sided 95% bound; a two-sided 90% interval has exactly those
        // bounds, so the interval printed beside a verdict always agrees with it.
        intervalLevel: 0.9,
    });
}
const inconclusiveCells = cellsToRetry;

;// CONCATENATED MODULE: ./src/app/run-benchmark.ts
// The flow shared by the action and the CLI: config -> baseline -> measure -> compare (with
// re-runs of inconclusive cells) -> results. Side effects come in through `deps`; the caller
// decides where results, the report and the comment go.




class BaselineConfigError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ConfigError';
    }
}
async function runPipeline(config, deps) {
    const startedAt = deps.now().toISOString();
    const selection = selectBaseline(config.baseline, deps.github);
    const trees = { head: deps.workspace };
    const baseline = { kind: 'none', paired: false };
    let stored;
    const plan = selection.plan;
    switch (plan.kind) {
        case 'none':
            baseline.unavailableReason = plan.reason;
            break;
        case 'base-missing':
            baseline.kind = 'base';
            baseline.unavailableReason = plan.reason;
            break;
        case 'file': {
            stored = await readBaselineFile(config, deps, plan.path);
            Object.assign(baseline, {
                kind: 'file',
                source: plan.path,
                commit: stored.git?.head,
                createdAt: stored.finishedAt,
            });
            break;
        }
        case 'base': {
            baseline.kind = 'base';
            baseline.paired = true;
            const base = await deps.log.group(`Preparing the base commit ${plan.baseSha.slice(0, 12)}`, () => deps.baselines.prepareBaseTree(plan.baseSha));
            if ('error' in base) {
                baseline.paired = false;
                baseline.unavailableReason = base.error;
                deps.log.warning(base.error);
            }
            else {
                trees.base = base.dir;
                baseline.commit = base.commit;
                // Same tree on both sides is still measured: an A/A run shows the gate's noise floor.
                baseline.source = base.sameTreeAsHead
                    ? `base commit ${base.commit.slice(0, 12)}, the same tree as head (an A/A run)`
                    : `base commit ${base.commit.slice(0, 12)}`;
                if (base.sameTreeAsHead)
                    deps.log.info('Head and base have the same tree: measuring anyway (an A/A run).');
            }
            break;
        }
        case 'cache': {
            baseline.kind = 'cache';
            const restored = await deps.baselines.restoreCache(plan.branch);
            if ('warning' in restored) {
                baseline.unavailableReason = restored.warning;
                deps.log.warning(restored.warning);
            }
            else {
                stored = restored.results;
                Object.assign(baseline, {
                    source: restored.key,
                    commit: stored.git?.head,
                    createdAt: stored.finishedAt,
                });
                const mismatch = commandMismatch(config, stored);
                if (mismatch && !config.allowDifferentCommand) {
                    stored = undefined;
                    baseline.unavailableReason = `the cached baseline ran another command (${mismatch}); set allow-different-command: true to compare anyway`;
                    deps.log.warning(baseline.unavailableReason);
                }
            }
            break;
        }
    }
    const session = new MeasurementSession({
        config,
        trees,
        executor: deps.executor,
        progress: deps.progress,
        libcs: deps.libcs,
    });
    let comparisons;
    let fatalError;
    const snapshot = () => assemble(config, deps, startedAt, session, baseline, comparisons, fatalError, trees.base !== undefined);
    deps.onSession?.(snapshot);
    try {
        await session.prepare();
        await session.measure();
        const baseFailure = trees.base !== undefined ? unmeasuredBase(session.cellResults()) : undefined;
        if (baseFailure !== undefined) {
            // The base was had but not measured (its setup failed): nothing to judge against.
            baseline.paired = false;
            baseline.unavailableReason = `base commit ${(baseline.commit ?? '').slice(0, 7)} could not be measured: ${baseFailure}`;
            deps.log.warning(baseline.unavailableReason);
        }
        const paired = trees.base !== undefined && baseFailure === undefined;
        comparisons = compare(config, deps.host, session, stored, paired);
        for (let attempt = 0; comparisons && attempt < config.retries; attempt++) {
            const again = inconclusiveCells(comparisons);
            if (again.length === 0)
                break;
            deps.log.info(`Re-measuring ${again.length} inconclusive cell(s): ${again.map((c) => `${c.libc}/${c.allocator}`).join(', ')}`);
            await session.remeasure(again);
            comparisons = compare(config, deps.host, session, stored, paired);
        }
    }
    catch (error) {
        fatalError = messageOf(error);
        throw Object.assign(error instanceof Error ? error : new Error(fatalError), {
            partialResults: snapshot(),
        });
    }
    finally {
        await session.close();
        await deps.baselines.cleanupBaseTree().catch(() => undefined);
    }
    const results = snapshot();
    const missingRequiredBaseline = config.requireBaseline && comparisons === undefined
        ? (baseline.unavailableReason ?? 'no baseline could be had')
        : undefined;
    return { results, selection, missingRequiredBaseline };
}
/** The comparisons the gate failed, from the results alone (also in report mode). */
function regressedComparisons(results) {
    return (results.comparisons ?? []).filter((c) => c.verdict === 'regressed');
}
/** Whether any cell produced numbers: a run in which none did is no pass. */
function anyCellMeasured(results) {
    return results.cells.some((c) => c.status === 'ok' || c.status === 'partial');
}
/**
 * Why no base cell was measured while some head cell was (e.g. the base's setup failed in every
 * environment), or undefined when the base can be compared.
 */
function unmeasuredBase(cells) {
    const measured = (tree) => cells.some((c) => c.tree === tree && c.summary !== undefined);
    if (measured('base') || !measured('head'))
        return undefined;
    const reasons = new Set(cells.filter((c) => c.tree === 'base' && c.reason).map((c) => c.reason));
    return reasons.size > 0 ? [...reasons].join('; ') : 'no base cell could be measured';
}
function compare(config, host, session, stored, paired) {
    if (!paired && !stored)
        return undefined;
    return compareResults({
        cells: session.cellResults(),
        environments: session.environmentsInfo(),
        host,
        baseline: stored,
        paired,
        metric: config.metric,
        threshold: config.threshold,
        memoryThreshold: config.memoryThreshold,
        minRuns: config.runs,
    });
}
function assemble(config, deps, startedAt, session, baseline, comparisons, fatalError, hasBase) {
    return {
        schema: 'malloc-matrix/results',
        version: 1,
        tool: { name: 'malloc-matrix', version: deps.toolVersion },
        name: config.name,
        command: config.command,
        startedAt,
        finishedAt: deps.now().toISOString(),
        seed: config.seed,
        config: {
            executor: config.executor,
            libcs: deps.libcs,
            allocators: config.allocators,
            runs: config.runs,
            warmup: config.warmup,
            timeoutMs: config.timeoutMs,
            metric: config.metric,
            envKeys: config.env.map(([k]) => k),
            ...(config.setup !== undefined ? { setup: config.setup } : {}),
            ...(config.executor === 'docker'
                ? { images: Object.fromEntries(deps.libcs.map((l) => [l, config.images[l]])) }
                : {}),
        },
        host: deps.host,
        environments: session.environmentsInfo(),
        cells: session.cellResults(),
        baseline,
        ...(comparisons ? { comparisons } : {}),
        ...(fatalError ? { fatalError } : {}),
        git: {
            ...(deps.github.headSha ? { head: deps.github.headSha } : {}),
            ...(hasBase && baseline.commit ? { base: baseline.commit } : {}),
            ...(deps.github.prNumber ? { pr: deps.github.prNumber } : {}),
        },
    };
}
async function readBaselineFile(config, deps, path) {
    let stored;
    try {
        stored = await deps.baselines.readFile(path);
    }
    catch (error) {
        throw new BaselineConfigError(`Invalid baseline: ${messageOf(error)}`);
    }
    const mismatch = commandMismatch(config, stored);
    if (mismatch && !config.allowDifferentCommand) {
        throw new BaselineConfigError(`Invalid baseline: ${JSON.stringify(path)} was measured with another command (${mismatch}). Expected the same command, or allow-different-command: true.`);
    }
    return stored;
}
function commandText(c) {
    return c.kind === 'shell' ? c.script : c.argv.join(' ');
}
function commandMismatch(config, stored) {
    const mine = commandText(config.command);
    const theirs = commandText(stored.command);
    if (mine === theirs)
        return undefined;
    return `${JSON.stringify(theirs.slice(0, 60))} instead of ${JSON.stringify(mine.slice(0, 60))}`;
}
function pct(x) {
    return `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
}
function describeRegression(c) {
    const interval = c.interval ? ` [${pct(c.interval[0])}, ${pct(c.interval[1])}]` : '';
    const change = c.change !== undefined ? pct(c.change) : '?';
    return `${c.libc}/${c.allocator}: ${c.metric} ${change}${interval} (${c.paired ? 'paired, same job' : 'cross-run'})`;
}

;// CONCATENATED MODULE: ./src/app/progress.ts
function formatSeconds(ms) {
    const s = ms / 1000;
    if (s < 60)
        return `${s.toFixed(1)}s`;
    const m = Math.floor(s / 60);
    return `${m}m${Math.round(s - m * 60)
        .toString()
        .padStart(2, '0')}s`;
}
/** Progress for a terminal (live bar) or a log (one line per finished run). */
function createProgress(out, now = Date.now) {
    let started = 0;
    let lineOpen = false;
    const closeLine = () => {
        if (lineOpen)
            out.write('\n');
        lineOpen = false;
    };
    return {
        phase(message) {
            closeLine();
            out.write(`${message}\n`);
        },
        batchStart(label, total) {
            closeLine();
            started = now();
            out.write(`${label}: ${total} runs\n`);
        },
        runDone(label, done, total, variantId) {
            const elapsed = now() - started;
            const remaining = done > 0 ? (elapsed / done) * (total - done) : 0;
            const timing = `elapsed ${formatSeconds(elapsed)}, ~${formatSeconds(remaining)} left`;
            if (out.isTTY) {
                const width = 24;
                const filled = Math.round((done / total) * width);
                const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
                let line = `${bar} ${done}/${total} ${variantId} · ${timing}`;
                const columns = out.columns ?? 100;
                if (line.length > columns - 1)
                    line = line.slice(0, columns - 1);
                out.write(`\r\x1b[2K${line}`);
                lineOpen = true;
            }
            else {
                out.write(`[${done}/${total}] ${label} ${variantId} (${timing})\n`);
            }
        },
        batchEnd() {
            closeLine();
        },
    };
}
/** A sink that reports nothing (tests, report mode). */
const silentProgress = {
    phase() { },
    batchStart() { },
    runDone() { },
    batchEnd() { },
};

;// CONCATENATED MODULE: ./src/report/format.ts
// Number formatting shared by every renderer. One scheme everywhere: three significant digits
// with the unit chosen so the number stays below 1000 (`451 ms`, `1.23 s`, `12.4 MiB`), and
// relative changes with a real minus sign (`−34%`, `+7.2%`).
/** U+2212: a true minus sign, the same width as `+`, so columns of changes line up. */
const MINUS = '\u2212';
const TIME_UNITS = [
    { name: 'µs', factor: 0.001 },
    { name: 'ms', factor: 1 },
    { name: 's', factor: 1000 },
];
const MEMORY_UNITS = [
    { name: 'KiB', factor: 1 },
    { name: 'MiB', factor: 1024 },
    { name: 'GiB', factor: 1024 * 1024 },
    { name: 'TiB', factor: 1024 * 1024 * 1024 },
];
/** `value` to three significant digits (`16.0`, `1.23`, `451`), whole numbers from 1000 up. */
function threeDigits(value) {
    if (value === 0)
        return '0';
    if (Math.abs(value) >= 999.5)
        return Math.round(value).toString();
    return value.toPrecision(3);
}
function formatScaled(value, units, what) {
    if (!Number.isFinite(value) || value < 0) {
        throw new Error(`cannot format ${what} ${value}; expected a finite number >= 0`);
    }
    let chosen = units[0];
    for (const unit of units.slice(1)) {
        // Move up once the smaller unit would need four digits: 999.7 ms is `1.00 s`, and
        // 1010 KiB is `0.986 MiB` (binary units step by 1024, not 1000).
        if (value / chosen.factor >= 999.5)
            chosen = unit;
    }
    return `${threeDigits(value / chosen.factor)} ${chosen.name}`;
}
/** A duration given in milliseconds: `812 µs`, `45.1 ms`, `451 ms`, `1.23 s`, `123 s`, `4567 s`. */
function formatDuration(ms) {
    if (ms === 0)
        return '0 ms';
    return formatScaled(ms, TIME_UNITS, 'duration');
}
/** A memory size given in KiB, in binary units: `812 KiB`, `12.4 MiB`, `1.21 GiB`. */
function formatMemory(kib) {
    return formatScaled(kib, MEMORY_UNITS, 'memory size');
}
/** A percentage with one decimal below 10 and none above, signed with `+` or a real minus. */
function signedPercent(percent, withSign) {
    const digits = Math.abs(percent) < 9.95 ? 1 : 0;
    const magnitude = Math.abs(percent).toFixed(digits);
    if (Number(magnitude) === 0)
        return (0).toFixed(digits);
    if (!withSign)
        return magnitude;
    return `${percent < 0 ? MINUS : '+'}${magnitude}`;
}
/** A relative change given as a fraction (0.072 → `+7.2%`, −0.34 → `−34%`, 0 → `0.0%`). */
function formatChange(fraction) {
    if (!Number.isFinite(fraction))
        throw new Error(`cannot format change ${fraction}; expected a finite number`);
    return `${signedPercent(fraction * 100, true)}%`;
}
/** The change of `value` against `reference` (`−34%` when value is 0.66 × reference). */
function formatChangeAgainst(value, reference) {
    if (!(reference > 0))
        throw new Error(`cannot compare against reference ${reference}; expected a number > 0`);
    return formatChange(value / reference - 1);
}
/** The half-width of a confidence interval relative to the median: `±1.2%`. */
function formatHalfWidth(ci, median) {
    if (!(median > 0))
        return '±?';
    const half = Math.abs(ci[1] - ci[0]) / 2;
    return `±${signedPercent((half / median) * 100, false)}%`;
}
/** A confidence interval of a relative change, in percent without the `%` sign: `[+5.1, +9.8]`. */
function formatChangeInterval(interval) {
    return `[${signedPercent(interval[0] * 100, true)}, ${signedPercent(interval[1] * 100, true)}]`;
}
/** A ratio to a reference, rounded for a chart axis: 0.6612 → 0.661. */
function roundRatio(ratio) {
    return Number(ratio.toPrecision(3));
}
/** A whole-number count with thousands separators, independent of the machine's locale. */
function formatCount(n) {
    return n.toLocaleString('en-US');
}
/** How long ago `then` was, seen from `now` (both ISO dates): `3 days`, `5 hours`, `12 minutes`. */
function formatAge(then, now) {
    const ms = Date.parse(now) - Date.parse(then);
    if (!Number.isFinite(ms) || ms < 0)
        return undefined;
    const minutes = Math.round(ms / 60_000);
    const plural = (n, unit) => `${n} ${unit}${n === 1 ? '' : 's'}`;
    if (minutes < 60)
        return plural(minutes, 'minute');
    const hours = Math.round(minutes / 60);
    if (hours < 48)
        return plural(hours, 'hour');
    return plural(Math.round(hours / 24), 'day');
}

;// CONCATENATED MODULE: ./src/report/grid.ts
// The libc × allocator grid every renderer shows, as plain data: which rows and columns, which
// cell sits where, what a non-ok cell's status says, and which cell is the reference (the libc's
// own malloc) or the best of its row. Renderers only decide how it looks.



/** Libc rows: the requested ones in request order, then any others that produced cells. */
function libcRows(results) {
    const rows = [...results.config.libcs];
    for (const cell of results.cells)
        if (!rows.includes(cell.libc))
            rows.push(cell.libc);
    return rows;
}
/** Allocator columns: the union of requested allocators, in request order, then any extras. */
function allocatorColumns(results) {
    const columns = [];
    const add = (name) => {
        if (!columns.includes(name))
            columns.push(name);
    };
    for (const request of results.config.allocators)
        add(request.name);
    for (const cell of results.cells)
        add(cell.allocator);
    return columns;
}
/** The head-tree cell of a libc and allocator; base-tree cells only feed comparisons. */
function findCell(results, libc, allocator) {
    return results.cells.find((c) => c.libc === libc && c.allocator === allocator && c.tree === 'head');
}
function headCells(results) {
    return results.cells.filter((c) => c.tree === 'head');
}
/** A cell has numbers to show when it has statistics and they come from runs that did the work. */
function isMeasured(cell) {
    return (cell !== undefined && cell.summary !== undefined && (cell.status === 'ok' || cell.status === 'partial'));
}
/** The median of a metric of the libc's default-allocator cell: what "change vs default" is against. */
function referenceMedian(results, libc, metric) {
    const reference = findCell(results, libc, DEFAULT_ALLOCATOR);
    if (!isMeasured(reference))
        return undefined;
    const median = reference.summary[metric].median;
    return median > 0 ? median : undefined;
}
/**
 * The allocator with the lowest median of a row. Only `ok` cells compete: a partial cell's
 * statistics leave out its failed runs, so it could look fastest for the wrong reason.
 */
function bestAllocator(results, libc, metric) {
    let best;
    for (const cell of headCells(results)) {
        if (cell.libc !== libc || cell.status !== 'ok' || cell.summary === undefined)
            continue;
        const median = cell.summary[metric].median;
        if (best === undefined || median < best.median)
            best = { allocator: cell.allocator, median };
    }
    return best?.allocator;
}
function measuredRuns(cell) {
    return cell.runs.filter((r) => r.kind === 'measured');
}
/** The first measured run that did not exit 0, or failing that, any such run (e.g. a proof run). */
function firstFailedRun(cell) {
    const failed = (r) => !isSuccessfulRun(r);
    return measuredRuns(cell).find(failed) ?? cell.runs.find(failed);
}
/** The words after the status: the cell's reason, or one derived from its runs. */
function statusDetail(cell, plannedRuns) {
    if (cell.status === 'partial') {
        const total = Math.max(plannedRuns, measuredRuns(cell).length);
        return `${cell.failedRuns}/${total} runs failed`;
    }
    if (cell.reason)
        return cell.reason;
    if (cell.status === 'not-applied')
        return cell.proof?.explanation;
    if (cell.status === 'failed') {
        const run = firstFailedRun(cell);
        return run ? describeFailure(run) : undefined;
    }
    return undefined;
}
/** The status as shown in a cell, unescaped: `failed: signal 11`, `timeout`, `partial: 3/10 runs failed`. */
function statusLabel(cell, plannedRuns) {
    const detail = statusDetail(cell, plannedRuns);
    return detail ? `${cell.status}: ${detail}` : cell.status;
}
/** What each status means, for legends. */
const STATUS_MEANINGS = {
    partial: 'some measured runs failed; the numbers come from the others and no verdict is made',
    failed: 'the benchmark exited non-zero or was killed by a signal in every run, or its setup failed',
    timeout: 'runs were killed by the per-run timeout',
    oom: "the kernel's OOM killer ended the runs",
    unavailable: 'the allocator (or the whole libc environment) could not be provided',
    'not-applied': 'the preload was proven not to reach the benchmark (a static binary or a cleared environment), so no numbers are shown for it',
};
/** The non-ok statuses present among the head cells, in a stable order, for a legend. */
function statusesUsed(results) {
    const present = new Set(headCells(results).map((c) => c.status));
    return Object.keys(STATUS_MEANINGS).filter((s) => present.has(s));
}

;// CONCATENATED MODULE: ./src/report/chart.ts


/** The bars: every `ok` cell whose libc default was measured, as `libc/allocator` and its ratio. */
function wallChartBars(results) {
    const bars = [];
    for (const libc of libcRows(results)) {
        const reference = referenceMedian(results, libc, 'wall');
        if (reference === undefined)
            continue;
        for (const allocator of allocatorColumns(results)) {
            const cell = findCell(results, libc, allocator);
            // Partial cells are left out: their numbers omit the failed runs and would mislead in a bar.
            if (cell?.status !== 'ok' || cell.summary === undefined)
                continue;
            bars.push({ label: `${libc}/${allocator}`, ratio: roundRatio(cell.summary.wall.median / reference) });
        }
    }
    return bars;
}
/**
 * Mermaid strings are double-quoted with no escape for `"`; mermaid's own `#quot;` entity is
 * not understood by every renderer, so quotes and anything that could end the block are replaced.
 */
function chartLabel(text) {
    return text
        .replace(/["`\\]/g, "'")
        .replace(/[\r\n\t]+/g, ' ')
        .slice(0, 40);
}
/** The upper end of the y axis: a little above the tallest bar, on a 0.25 step. */
function axisMax(bars) {
    const tallest = Math.max(1, ...bars.map((b) => b.ratio));
    return Math.ceil((tallest * 1.1) / 0.25) * 0.25;
}
/** The fenced mermaid block, or undefined when fewer than two bars could be drawn. */
function renderWallChart(results) {
    const bars = wallChartBars(results);
    if (bars.length < 2)
        return undefined;
    const labels = bars.map((b) => `"${chartLabel(b.label)}"`).join(', ');
    return [
        '```mermaid',
        // Wide enough that eight or ten `libc/allocator` labels do not overlap.
        `%%{init: {"xyChart": {"width": ${Math.max(700, bars.length * 130)}}}}%%`,
        'xychart-beta',
        '    title "Median wall time relative to the libc default (lower is faster)"',
        `    x-axis [${labels}]`,
        `    y-axis "time / libc default" 0 --> ${axisMax(bars)}`,
        `    bar [${bars.map((b) => b.ratio).join(', ')}]`,
        '```',
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/report/escape.ts
// Escaping for text we do not control (benchmark names, allocator names, failure reasons,
// benchmark output) before it lands in a GitHub comment. GitHub renders markdown and a subset of
// HTML, notifies on @mentions and links #123 references, so each of these must be defused.
/**
 * Zero-width space: placed after `@` and `#` it stops GitHub from turning `@octocat` into a
 * mention (which would notify that user) and `#123` into an issue link, while the text reads the same.
 */
const ZERO_WIDTH_SPACE = '\u200b';
// ESC/CSI sequences and other control characters: benchmark output is often coloured, and raw
// control characters are invisible noise at best. Tab and newline are kept.
const ANSI_SEQUENCE = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[@-_]/g;
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
/** Removes ANSI escape sequences and control characters other than newline and tab. */
function stripControl(text) {
    return text.replace(/\r\n?/g, '\n').replace(ANSI_SEQUENCE, '').replace(CONTROL_CHARS, '');
}
/** Breaks `@name` mentions and `#123` references with a zero-width space. */
function defuseReferences(text) {
    return text
        .replace(/@(?=[A-Za-z0-9_-])/g, `@${ZERO_WIDTH_SPACE}`)
        .replace(/#(?=\d)/g, `#${ZERO_WIDTH_SPACE}`);
}
/**
 * Escapes untrusted text for inline markdown, one line: inside a table cell, a heading or a
 * list item. HTML-significant characters become entities, markdown punctuation is
 * backslash-escaped (including `|`, which would otherwise split a table cell), newlines become spaces.
 */
function escapeInline(text, maxChars = Number.POSITIVE_INFINITY) {
    let clean = stripControl(text).replace(/\s*\n\s*/g, ' ');
    if (clean.length > maxChars)
        clean = `${clean.slice(0, Math.max(0, maxChars - 1))}…`;
    // References first: the entities produced below contain `#` followed by digits.
    return defuseReferences(clean)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/`/g, '&#96;')
        .replace(/[\\|*_[\]~]/g, (c) => `\\${c}`);
}
/** Escapes a value for a double-quoted HTML attribute or an HTML comment (no `-->` can survive). */
function escapeAttribute(text) {
    return stripControl(text)
        .replace(/&/g, '&amp;')
        .replace(/"/g, '&quot;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/\n/g, '&#10;')
        .replace(/\t/g, '&#9;');
}
/** The longest run of consecutive backticks in `text`. */
function longestBacktickRun(text) {
    let longest = 0;
    for (const run of text.match(/`+/g) ?? [])
        longest = Math.max(longest, run.length);
    return longest;
}
function cutNote(omitted) {
    return `_(output cut: the first ${omitted.toLocaleString('en-US')} characters are not shown)_\n`;
}
function assembleFence(body, omitted) {
    const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
    const note = omitted > 0 ? cutNote(omitted) : '';
    const lastNewline = body.endsWith('\n') || body === '' ? '' : '\n';
    return `${note}${fence}text\n${body}${lastNewline}${fence}`;
}
/**
 * Quotes untrusted program output in a fenced code block that nothing inside can close: the
 * fence is one backtick longer than the longest backtick run inside. Control characters are
 * stripped and mentions defused (GitHub does not notify from code blocks today, but the output
 * may be copied elsewhere). When the text is too long its beginning is cut, because the end of an
 * output is what explains a failure, and a note says how much was cut. The result, note and
 * fences included, is never longer than `maxChars`.
 */
function fenceUntrusted(text, maxChars) {
    if (!Number.isInteger(maxChars) || maxChars < 120) {
        throw new Error(`fenceUntrusted: maxChars ${maxChars} is invalid; expected an integer of at least 120`);
    }
    const clean = defuseReferences(stripControl(text));
    let keep = Math.min(clean.length, maxChars);
    for (;;) {
        const body = clean.slice(clean.length - keep);
        const out = assembleFence(body, clean.length - keep);
        if (out.length <= maxChars)
            return out;
        // Each pass shrinks the body by at least the overflow; fences only shrink with it.
        keep = Math.max(0, keep - (out.length - maxChars));
    }
}

;// CONCATENATED MODULE: ./src/report/comparison.ts



const VERDICT_MARKS = {
    regressed: '🔴',
    improved: '🟢',
    unchanged: '⚪',
    inconclusive: '🟡',
    'not-comparable': '➖',
};
const METRIC_TITLES = {
    wall: 'wall time',
    cpu: 'CPU time',
    rss: 'peak RSS',
};
function shortCommit(commit) {
    return escapeInline(commit.slice(0, 7));
}
/** What the baseline is, in a few words: `base (abc1234)`, `cached results of abc1234`, `baseline file x.json`. */
function baselineName(baseline) {
    switch (baseline.kind) {
        case 'base': {
            const aa = baseline.source?.includes('A/A') ? ', the same tree: an A/A run' : '';
            return baseline.commit ? `base (${shortCommit(baseline.commit)}${aa})` : 'base';
        }
        case 'cache':
            return baseline.commit ? `cached results of ${shortCommit(baseline.commit)}` : 'cached results';
        case 'file':
            return baseline.source ? `baseline file ${escapeInline(baseline.source, 120)}` : 'baseline file';
        case 'none':
            return 'no baseline';
    }
}
/** Distinct cells (libc/allocator) whose comparisons on any metric have the given verdict. */
function cellsWithVerdict(comparisons, verdict) {
    return new Set(comparisons.filter((c) => c.verdict === verdict).map((c) => `${c.libc}/${c.allocator}`))
        .size;
}
function cellCount(n) {
    return `${n} cell${n === 1 ? '' : 's'}`;
}
/** The one line under the heading that says what happened. */
function verdictLine(results) {
    const cells = cellCount(headCells(results).length);
    if (results.fatalError)
        return `❌ The run could not be completed: ${escapeInline(results.fatalError, 300)}`;
    const baseline = results.baseline;
    const comparisons = results.comparisons ?? [];
    if (baseline?.unavailableReason && baseline.kind === 'none') {
        return `ℹ️ No baseline: ${escapeInline(baseline.unavailableReason, 200)}. Allocator comparison only · ${cells}`;
    }
    if (baseline?.unavailableReason) {
        return `⚠️ Baseline unavailable (${escapeInline(baseline.unavailableReason, 200)}): allocator comparison only · ${cells}`;
    }
    if (!baseline || baseline.kind === 'none' || comparisons.length === 0) {
        return `ℹ️ No baseline given: allocator comparison only · ${cells}`;
    }
    const against = baselineName(baseline);
    const timing = comparisons.filter((c) => c.metric !== 'rss');
    if (timing.length > 0 && timing.every((c) => c.verdict === 'not-comparable')) {
        return `⚠️ Nothing could be compared against ${against}: see the reasons below · ${cells}`;
    }
    const regressed = cellsWithVerdict(comparisons, 'regressed');
    const inconclusive = cellsWithVerdict(comparisons, 'inconclusive');
    const improved = cellsWithVerdict(comparisons, 'improved');
    const extras = [
        inconclusive > 0 ? `${cellCount(inconclusive)} inconclusive` : '',
        improved > 0 ? `${cellCount(improved)} improved` : '',
    ].filter(Boolean);
    const tail = [cells, ...extras].join(' · ');
    if (regressed > 0)
        return `❌ ${cellCount(regressed)} regressed against ${against} · ${tail}`;
    if (inconclusive > 0)
        return `🟡 No regression proven against ${against} · ${tail}`;
    return `✅ No regression against ${against} · ${tail}`;
}
/** `+7.2% [+5.1, +9.8] 🔴 regressed`, or `➖ not comparable: reason`. */
function comparisonText(c) {
    const words = c.verdict === 'not-comparable' ? 'not comparable' : c.verdict;
    const numbers = [
        c.change !== undefined ? formatChange(c.change) : '',
        c.interval !== undefined ? formatChangeInterval(c.interval) : '',
    ].filter(Boolean);
    const reason = c.reason ? `: ${escapeInline(c.reason, 200)}` : '';
    return [...numbers, `${VERDICT_MARKS[c.verdict]} ${words}${reason}`].join(' ');
}
/** How the comparison was made, which decides how much it can be trusted. */
function methodSentence(results, baseline) {
    const name = baselineName(baseline);
    if (baseline.paired) {
        return `Compared with ${name}, **paired**: base and head ran interleaved in the same job on the same machine.`;
    }
    const age = baseline.createdAt ? formatAge(baseline.createdAt, results.startedAt) : undefined;
    const when = age ? `, recorded ${age} earlier` : '';
    return `Compared with ${name}${when}, **cross-run**: the baseline ran in another job, possibly on another machine, so small changes are less certain.`;
}
/** The section of changes against the baseline, or undefined when there are no comparisons. */
function renderComparisons(results) {
    const comparisons = results.comparisons ?? [];
    if (!results.baseline || comparisons.length === 0)
        return undefined;
    const metrics = ['wall', 'cpu', 'rss'].filter((m) => comparisons.some((c) => c.metric === m));
    const rows = [];
    const seen = new Set();
    for (const c of comparisons) {
        const key = `${c.libc}/${c.allocator}`;
        if (seen.has(key))
            continue;
        seen.add(key);
        const values = metrics.map((m) => {
            const found = comparisons.find((x) => x.libc === c.libc && x.allocator === c.allocator && x.metric === m);
            return found ? comparisonText(found) : '—';
        });
        rows.push(`| ${c.libc} / ${escapeInline(c.allocator, 60)} | ${values.join(' | ')} |`);
    }
    return [
        '### Change against the baseline',
        '',
        methodSentence(results, results.baseline),
        '',
        `| cell | ${metrics.map((m) => METRIC_TITLES[m]).join(' | ')} |`,
        `|---|${metrics.map(() => '---').join('|')}|`,
        ...rows,
        '',
        '_Change is head ÷ base − 1 with its confidence interval. 🔴 regressed: the whole interval is above the threshold · 🟡 inconclusive: the estimate is above it but the interval reaches below · 🟢 improved · ⚪ unchanged · ➖ not comparable._',
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/report/details.ts




/** How much of a failed run's output is quoted: enough for the last lines, short enough for many cells. */
const OUTPUT_TAIL_CHARS = 600;
function detailsBlock(summary, body) {
    // Blank lines around the body let GitHub render markdown inside the HTML block.
    return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}
const STAT_METRICS = [
    { metric: 'wall', title: 'wall' },
    { metric: 'cpu', title: 'CPU' },
    { metric: 'rss', title: 'peak RSS' },
];
function formatterFor(metric) {
    return metric === 'rss' ? formatMemory : formatDuration;
}
function cellName(cell, withTree) {
    const tree = withTree ? ` (${cell.tree})` : '';
    return `${cell.libc} / ${escapeInline(cell.allocator, 60)}${tree}`;
}
function statsRow(name, title, s, fmt, failedRuns) {
    const values = [
        String(s.n),
        fmt(s.median),
        fmt(s.mean),
        fmt(s.stddev),
        fmt(s.min),
        fmt(s.max),
        fmt(s.mad),
        `${fmt(s.ci95[0])} – ${fmt(s.ci95[1])}`,
        String(s.outliers.length),
        String(failedRuns),
    ];
    return `| ${name} | ${title} | ${values.join(' | ')} |`;
}
function statisticsDetails(results) {
    const withTree = results.cells.some((c) => c.tree === 'base');
    const rows = [];
    for (const cell of results.cells) {
        const name = cellName(cell, withTree);
        if (!cell.summary) {
            const status = escapeInline(statusLabel(cell, results.config.runs), 160);
            rows.push(`| ${[name, '—', status, ...Array(8).fill(''), String(cell.failedRuns)].join(' | ')} |`);
            continue;
        }
        for (const { metric, title } of STAT_METRICS) {
            rows.push(statsRow(name, title, cell.summary[metric], formatterFor(metric), cell.failedRuns));
        }
    }
    const table = [
        '| cell | metric | n | median | mean | sd | min | max | MAD | 95% CI of median | outliers | failed runs |',
        '|---|---|---|---|---|---|---|---|---|---|---|---|',
        ...rows,
    ].join('\n');
    const note = '_Outliers have a modified z-score above 3.5; they are flagged and kept in the statistics._';
    return detailsBlock('Statistics of every cell', `${table}\n\n${note}`);
}
function code(text, maxChars = 200) {
    return text ? `<code>${escapeInline(text, maxChars)}</code>` : '—';
}
function environmentDetails(results) {
    const envRows = results.environments.map((env) => {
        const os = env.osRelease?.['PRETTY_NAME'] ??
            [env.osRelease?.['ID'], env.osRelease?.['VERSION_ID']].filter(Boolean).join(' ');
        const cols = [
            env.libc,
            env.executor,
            code(env.image),
            code(env.imageDigest),
            os ? escapeInline(os, 100) : '—',
            env.libcVersion ? escapeInline(env.libcVersion, 40) : '—',
            env.muslFlavor ? escapeInline(env.muslFlavor, 40) : '—',
            env.failure ? `failed: ${escapeInline(env.failure, 200)}` : 'ready',
        ];
        return `| ${cols.join(' | ')} |`;
    });
    const allocatorRows = results.environments.flatMap((env) => Object.entries(env.allocators).map(([name, a]) => {
        const state = a.status === 'ready' ? 'ready' : `unavailable${a.reason ? `: ${escapeInline(a.reason, 160)}` : ''}`;
        return `| ${env.libc} | ${escapeInline(name, 60)} | ${state} | ${code(a.library)} | ${a.version ? escapeInline(a.version, 60) : '—'} |`;
    }));
    const parts = [
        '| libc | executor | image | digest | OS | libc version | musl flavour | state |',
        '|---|---|---|---|---|---|---|---|',
        ...envRows,
        '',
        '| libc | allocator | state | library | version |',
        '|---|---|---|---|---|',
        ...allocatorRows,
    ];
    return detailsBlock('Environments and allocator libraries', parts.join('\n'));
}
function details_commandText(command) {
    return command.kind === 'shell' ? command.script : command.argv.map((a) => JSON.stringify(a)).join(' ');
}
function runDetails(results, reproduceCommand) {
    const { config, host } = results;
    const facts = [
        ['CPU', `${escapeInline(host.cpuModel, 120)} (${host.cores} cores, ${escapeInline(host.arch, 20)})`],
        ['kernel', escapeInline(host.kernel, 120)],
        ['host OS', escapeInline(host.os, 120)],
        ['executor', config.executor],
        ['runs per cell', `${config.runs} measured, ${config.warmup} warm-up, in interleaved rounds`],
        ['timeout per run', formatDuration(config.timeoutMs)],
        ['gated metric', config.metric],
        ['seed', String(results.seed)],
        [
            'environment variables passed',
            config.envKeys.length ? config.envKeys.map((k) => code(k, 80)).join(', ') : '—',
        ],
        ['started', `${escapeInline(results.startedAt, 40)} (finished ${escapeInline(results.finishedAt, 40)})`],
        ['tool', `malloc-matrix ${escapeInline(results.tool.version, 40)}`],
    ];
    if (results.git?.head)
        facts.push(['head', code(results.git.head, 40)]);
    if (results.git?.base)
        facts.push(['base', code(results.git.base, 40)]);
    const parts = [
        '| | |',
        '|---|---|',
        ...facts.map(([k, v]) => `| ${k} | ${v} |`),
        '',
        'Benchmark command:',
        '',
        fenceUntrusted(details_commandText(results.command), 2000),
    ];
    if (config.setup)
        parts.push('', 'Setup:', '', fenceUntrusted(config.setup, 2000));
    if (reproduceCommand)
        parts.push('', 'Reproduce locally:', '', fenceUntrusted(reproduceCommand, 4000));
    return detailsBlock('Run settings, machine and how to reproduce', parts.join('\n'));
}
/** The output tail of the first failed run of each cell that had one, and of failed environments. */
function outputTails(results) {
    const tails = [];
    for (const cell of results.cells) {
        const run = firstFailedRun(cell);
        if (!run || cell.status === 'ok' || cell.status === 'unavailable')
            continue;
        const output = run.outputTail ?? run.error;
        const title = `Output of the first failed run: ${cellName(cell, cell.tree === 'base')} — ${escapeInline(describeFailure(run), 120)}`;
        const body = output ? fenceUntrusted(output, OUTPUT_TAIL_CHARS) : '_The run left no output._';
        tails.push({ label: 'output tail', text: detailsBlock(title, body) });
    }
    for (const env of results.environments) {
        if (!env.setupLogTail)
            continue;
        const title = `Setup log of the ${env.libc} environment${env.failure ? ' (failed)' : ''}`;
        tails.push({
            label: 'output tail',
            text: detailsBlock(title, fenceUntrusted(env.setupLogTail, OUTPUT_TAIL_CHARS)),
        });
    }
    return tails;
}
/** A count with its noun: `1 output tail`, `3 output tails`. */
function countOf(n, noun) {
    return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}
/** Notes about cells that do not change their status (a slow first run), one quoted line each. */
function cellWarnings(results) {
    const lines = results.cells.flatMap((c) => (c.warnings ?? []).map((w) => `> ⚠️ ${cellName(c, c.tree === 'base')}: ${escapeInline(w, 300)}`));
    return lines.length > 0 ? lines.join('\n>\n') : undefined;
}

;// CONCATENATED MODULE: ./src/report/fit.ts
// Fitting a report into a size limit (GitHub refuses comments over 65,536 characters). Sections
// carry a drop rank: the lowest rank goes first, and within a rank the largest section first, so
// the fewest and least important parts are lost. What was cut is said in the report itself.

const SEPARATOR = '\n\n';
function fit_cutNote(dropped, truncated, maxChars) {
    const counts = new Map();
    for (const s of dropped)
        counts.set(s.label, (counts.get(s.label) ?? 0) + 1);
    const parts = [...counts].map(([label, n]) => (n === 1 ? label : countOf(n, label)));
    if (truncated)
        parts.push('the end of the tables');
    return `> ✂️ Cut to fit the ${maxChars.toLocaleString('en-US')}-character limit: ${parts.join(', ')}. The results file has everything.`;
}
function join(sections) {
    return sections.map((s) => s.text).join(SEPARATOR);
}
/**
 * Cuts the text at a line boundary so that it is at most `budget` characters; tables survive as
 * shorter tables. Used only when the sections that can never be dropped are alone too long.
 */
function truncateAtLine(text, budget) {
    if (text.length <= budget)
        return text;
    const cut = text.lastIndexOf('\n', budget);
    return cut > 0 ? text.slice(0, cut) : text.slice(0, Math.max(0, budget));
}
/**
 * Joins the sections, dropping ranked ones until the result fits in `maxChars`, then, if the
 * fixed sections alone are too long, truncating all but the first (the marker) at a line.
 */
function fitSections(sections, maxChars) {
    const full = join(sections);
    if (full.length <= maxChars)
        return full;
    const dropOrder = sections
        .filter((s) => s.dropRank !== undefined)
        .sort((a, b) => a.dropRank - b.dropRank || b.text.length - a.text.length);
    const dropped = [];
    let kept = [...sections];
    for (const victim of dropOrder) {
        dropped.push(victim);
        kept = kept.filter((s) => s !== victim);
        const candidate = join(kept) + SEPARATOR + fit_cutNote(dropped, false, maxChars);
        if (candidate.length <= maxChars)
            return candidate;
    }
    const [first, ...rest] = kept;
    const note = fit_cutNote(dropped, true, maxChars);
    const head = first ? first.text + SEPARATOR : '';
    const budget = maxChars - head.length - SEPARATOR.length - note.length;
    if (budget < 0)
        throw new Error(`report size limit ${maxChars} is too small to hold the report's marker and cut note`);
    return head + truncateAtLine(join(rest), budget) + SEPARATOR + note;
}

;// CONCATENATED MODULE: ./src/report/tables.ts
// The two main markdown tables, rows = libcs and columns = allocators: median wall time and
// median peak RSS, each with its interval, the change against the libc's own malloc, the best
// cell of each row in bold, and a legend for the statuses that appear.




const FORMATTERS = {
    wall: formatDuration,
    rss: formatMemory,
};
/** Reasons can be long; the full text is in the results file. */
const MAX_REASON_CHARS = 160;
/** `0.451 s ±1.1% · −34%` for a measured cell; the status and reason for the others. */
function cellText(results, cell, metric, best) {
    if (cell === undefined)
        return '—';
    const status = escapeInline(statusLabel(cell, results.config.runs), MAX_REASON_CHARS);
    if (!isMeasured(cell))
        return `_${status}_`;
    const summary = cell.summary[metric];
    const parts = [`${FORMATTERS[metric](summary.median)} ${formatHalfWidth(summary.ci95, summary.median)}`];
    const reference = referenceMedian(results, cell.libc, metric);
    if (reference !== undefined && cell.allocator !== DEFAULT_ALLOCATOR) {
        parts.push(formatChangeAgainst(summary.median, reference));
    }
    const value = parts.join(' · ');
    if (cell.status === 'partial')
        return `${value} ⚠️ _${status}_`;
    return best ? `**${value}**` : value;
}
function tableRow(results, libc, metric, columns) {
    const best = bestAllocator(results, libc, metric);
    const cells = columns.map((allocator) => cellText(results, findCell(results, libc, allocator), metric, allocator === best));
    return `| **${libc}** | ${cells.join(' | ')} |`;
}
function table(results, metric) {
    const columns = allocatorColumns(results);
    const header = `| libc | ${columns.map((c) => escapeInline(c, 60)).join(' | ')} |`;
    const rule = `|---|${columns.map(() => '---').join('|')}|`;
    return [header, rule, ...libcRows(results).map((libc) => tableRow(results, libc, metric, columns))].join('\n');
}
/** What the numbers mean and what each status that appears means. */
function legend(results) {
    const lines = [
        `_Median ±half-width of its 95% confidence interval · change against the libc's own malloc (\`${DEFAULT_ALLOCATOR}\`) · **bold**: lowest in the row._`,
    ];
    for (const status of statusesUsed(results))
        lines.push(`- \`${status}\`: ${STATUS_MEANINGS[status]}.`);
    return lines.join('\n');
}
function renderWallTable(results) {
    return [
        `### Wall time (median of ${results.config.runs} runs)`,
        '',
        table(results, 'wall'),
        '',
        legend(results),
    ].join('\n');
}
function renderRssTable(results) {
    return ['### Peak RSS (median)', '', table(results, 'rss')].join('\n');
}

;// CONCATENATED MODULE: ./src/report/markdown.ts
// The markdown report posted as the pull request comment and written to the job summary.
// Pure: a Results object in, a string out, never longer than the size limit.







/** GitHub refuses comment bodies over 65,536 characters; keep a margin for the API's own counting. */
const DEFAULT_MAX_CHARS = 65_000;
/** Below this even the heading, verdict and cut note may not fit. */
const MIN_MAX_CHARS = 1_000;
const MARKER_NAME_CHARS = 80;
/**
 * The hidden HTML comment that identifies a benchmark's report, so that the sticky comment is
 * found again on the next push. Long names are shortened with a hash of the full name, which
 * keeps the marker short and still unique per benchmark.
 */
function reportMarker(name) {
    let shown = name;
    if (name.length > MARKER_NAME_CHARS) {
        const digest = (0,external_node_crypto_.createHash)('sha256').update(name).digest('hex').slice(0, 12);
        shown = `${name.slice(0, MARKER_NAME_CHARS)}…${digest}`;
    }
    return `<!-- malloc-matrix:report name="${escapeAttribute(shown)}" -->`;
}
function heading(results) {
    return `## malloc-matrix: ${escapeInline(results.name, 200)}\n\n${verdictLine(results)}`;
}
function environmentFailures(results) {
    const failed = results.environments.filter((e) => e.failure);
    if (failed.length === 0)
        return undefined;
    return failed
        .map((e) => `> ⚠️ The ${e.libc} environment could not be prepared: ${escapeInline(e.failure, 300)}`)
        .join('\n');
}
/** Renders the whole report; see MarkdownOptions. */
function renderMarkdown(results, opts = {}) {
    const maxChars = opts.maxChars ?? DEFAULT_MAX_CHARS;
    if (!Number.isInteger(maxChars) || maxChars < MIN_MAX_CHARS) {
        throw new Error(`report maxChars ${maxChars} is invalid; expected an integer of at least ${MIN_MAX_CHARS}`);
    }
    const sections = [
        { text: opts.marker ?? reportMarker(results.name), label: 'marker' },
        { text: heading(results), label: 'heading' },
    ];
    const push = (text, label, dropRank) => {
        if (text !== undefined)
            sections.push({ text, label, dropRank });
    };
    push(environmentFailures(results), 'environment failures');
    push(renderWallTable(results), 'wall time table');
    push(cellWarnings(results), 'cell warnings', 3);
    push(renderRssTable(results), 'peak RSS table', 4);
    push(renderComparisons(results), 'baseline comparison');
    push(renderWallChart(results), 'chart', 3);
    for (const tail of outputTails(results))
        push(tail.text, tail.label, 2);
    push(statisticsDetails(results), 'statistics details', 1);
    push(environmentDetails(results), 'environment details', 1);
    push(runDetails(results, opts.reproduceCommand), 'run details', 1);
    return fitSections(sections, maxChars);
}

;// CONCATENATED MODULE: ./src/report/terminal.ts
// The report for a terminal (CLI stdout and the action log): one aligned table, libc rows ×
// allocator columns, two lines per row (wall time with change vs default, then peak RSS),
// optional colour, and a footer with the run settings.




const ANSI = { bold: '1', green: '32', red: '31', yellow: '33', dim: '2' };
/** Names and reasons come from users and programs: no escape sequence of theirs reaches the terminal. */
function clean(text, maxChars = 60) {
    const one = stripControl(text).replace(/\s+/g, ' ').trim();
    return one.length > maxChars ? `${one.slice(0, maxChars - 1)}…` : one;
}
function wallText(results, cell, best) {
    if (cell === undefined)
        return { plain: '-', paint: 'dim' };
    if (!isMeasured(cell))
        return { plain: clean(statusLabel(cell, results.config.runs), 40), paint: 'yellow' };
    const median = cell.summary.wall.median;
    const reference = referenceMedian(results, cell.libc, 'wall');
    let plain = formatDuration(median);
    let paint = best ? 'green' : undefined;
    if (reference !== undefined && cell.allocator !== DEFAULT_ALLOCATOR) {
        plain += ` ${formatChangeAgainst(median, reference)}`;
        if (!best && median > reference)
            paint = 'red';
    }
    if (cell.status === 'partial')
        return { plain: `${plain} (partial)`, paint: 'yellow' };
    return { plain, paint };
}
function rssText(cell) {
    if (!isMeasured(cell))
        return { plain: '' };
    return { plain: formatMemory(cell.summary.rss.median), paint: 'dim' };
}
/** Visible width: code points, not UTF-16 units, so `µ` and `−` count as one column. */
function width(text) {
    return [...text].length;
}
function render(text, columnWidth, color, alignRight) {
    const pad = ' '.repeat(Math.max(0, columnWidth - width(text.plain)));
    const painted = color && text.paint ? `\u001b[${ANSI[text.paint]}m${text.plain}\u001b[0m` : text.plain;
    return alignRight ? pad + painted : painted + pad;
}
function verdictLines(comparisons) {
    return comparisons
        .filter((c) => c.verdict !== 'unchanged')
        .map((c) => {
        const numbers = [
            c.change !== undefined ? formatChange(c.change) : '',
            c.interval ? formatChangeInterval(c.interval) : '',
        ]
            .filter(Boolean)
            .join(' ');
        const reason = c.reason ? ` (${clean(c.reason, 80)})` : '';
        return `  ${c.libc}/${clean(c.allocator)} ${c.metric}: ${c.verdict}${numbers ? ` ${numbers}` : ''}${reason}`;
    });
}
/** Renders the terminal table; every line has the same visible width per column. */
function renderTerminal(results, opts) {
    const columns = allocatorColumns(results);
    const rows = [
        [{ plain: 'libc' }, ...columns.map((c) => ({ plain: clean(c), paint: 'bold' }))],
    ];
    for (const libc of libcRows(results)) {
        const best = bestAllocator(results, libc, 'wall');
        const cells = columns.map((a) => findCell(results, libc, a));
        rows.push([
            { plain: libc, paint: 'bold' },
            ...cells.map((cell, i) => wallText(results, cell, columns[i] === best)),
        ]);
        rows.push([{ plain: '' }, ...cells.map((cell) => rssText(cell))]);
    }
    const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => width(row[col].plain))));
    const lines = rows.map((row) => row
        .map((text, col) => render(text, widths[col], opts.color, col > 0))
        .join('  ')
        .trimEnd());
    const { config } = results;
    lines.push('', `median wall time (change vs ${DEFAULT_ALLOCATOR}) and peak RSS · ${config.runs} runs per cell, ${config.warmup} warm-up · seed ${results.seed} · executor ${config.executor}`);
    const verdicts = verdictLines(results.comparisons ?? []);
    if (verdicts.length > 0)
        lines.push('against the baseline:', ...verdicts);
    if (results.fatalError)
        lines.push(`error: ${clean(results.fatalError, 300)}`);
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./src/report/reproduce.ts
/** POSIX shell quoting: safe to paste whatever the value holds. */
function shellQuote(value) {
    if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value))
        return value;
    return `'${value.replace(/'/g, `'\\''`)}'`;
}
function reproduceCommand(config) {
    const args = ['npx', 'malloc-matrix'];
    const add = (name, value) => {
        if (value !== undefined && value !== '')
            args.push(`--${name}`, shellQuote(value));
    };
    add('executor', config.executor);
    if (config.executor === 'docker') {
        add('libcs', config.libcs.join(','));
        add('image-musl', config.images.musl);
        add('image-glibc', config.images.glibc);
        add('memory-limit', config.memoryLimit);
    }
    add('allocators', config.allocators.map((a) => (a.kind === 'custom' ? `${a.name}=${a.path}` : a.name)).join(','));
    add('runs', String(config.runs));
    add('warmup', String(config.warmup));
    add('seed', String(config.seed));
    add('timeout', `${config.timeoutMs}ms`);
    if (config.workingDirectory !== '.')
        add('working-directory', config.workingDirectory);
    add('setup', config.setup);
    for (const [k, v] of config.env)
        add('env', `${k}=${v}`);
    const command = config.command.kind === 'shell' ? [config.command.script] : config.command.argv;
    args.push('--', ...command.map(shellQuote));
    return args.join(' ');
}

;// CONCATENATED MODULE: ./src/base/version.ts
// The tool's version, recorded in every results file. A unit test keeps it equal to package.json.
const TOOL_VERSION = '0.1.0';

;// CONCATENATED MODULE: ./src/cli/run-cli.ts
// The CLI: the action's flow from a terminal. stdout carries the table, stderr the progress
// and messages. Exit codes: 0 ok, 1 regression, 2 usage/config error, 3 run not carried out.



















const processIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    onSignal(handler) {
        process.on('SIGINT', handler);
        process.on('SIGTERM', handler);
        return () => {
            process.off('SIGINT', handler);
            process.off('SIGTERM', handler);
        };
    },
};
const DEFAULT_JSON = 'malloc-matrix-results.json';
function isConfigError(error) {
    return (error instanceof ConfigError ||
        error instanceof UsageError ||
        (error instanceof Error && error.name === 'ConfigError'));
}
async function runCli(argv, io = processIo) {
    const fail = (code, message) => {
        io.stderr.write(`malloc-matrix: ${message}\n`);
        return code;
    };
    let config;
    let cacheDir;
    try {
        const args = parseCliArgs(argv);
        if (args.help) {
            io.stdout.write(USAGE);
            return EXIT.ok;
        }
        if (args.version) {
            io.stdout.write(`${TOOL_VERSION}\n`);
            return EXIT.ok;
        }
        cacheDir = args.cacheDir;
        config = parseConfig((name) => args.inputs[name], {
            argv: args.command,
            label: (name) => (name === 'run' ? 'command' : `--${name}`),
            randomSeed: randomSeed,
        });
    }
    catch (error) {
        if (isConfigError(error))
            return fail(EXIT.usage, messageOf(error));
        return fail(EXIT.failure, messageOf(error));
    }
    const jsonPath = external_node_path_default().resolve(io.cwd, config.jsonPath ?? DEFAULT_JSON);
    if (config.mode === 'report') {
        try {
            const results = await readResultsFile(external_node_path_default().resolve(io.cwd, config.resultsFile));
            await emit(config, results, jsonPath, io, false);
            return EXIT.ok;
        }
        catch (error) {
            return fail(EXIT.usage, messageOf(error));
        }
    }
    const logger = {
        info: (m) => io.stderr.write(`${m}\n`),
        warning: (m) => io.stderr.write(`warning: ${m}\n`),
        group: async (name, fn) => {
            io.stderr.write(`${name}\n`);
            return fn();
        },
    };
    const runId = (0,external_node_crypto_.randomBytes)(6).toString('hex');
    // Holds the base commit's worktree while the run lasts.
    const tmpDir = external_node_path_default().join(io.env.TMPDIR ?? '/tmp', `malloc-matrix-${runId}`);
    let executor;
    let snapshot;
    let interrupted = false;
    let emitting;
    // After a signal the handler alone writes the results and exits: the main flow, which goes on
    // once the containers are gone, must not overwrite them with a file that hides the interruption.
    const leaveToHandler = () => new Promise(() => undefined);
    const unregister = io.onSignal((signal) => {
        if (interrupted)
            return;
        interrupted = true;
        io.stderr.write(`\nmalloc-matrix: ${signal} received, cleaning up\n`);
        void (async () => {
            await executor?.cleanup().catch(() => undefined);
            // Complete results already being written are kept as they are.
            const partial = emitting ? undefined : snapshot?.();
            await emitting?.catch(() => undefined);
            if (partial) {
                partial.fatalError = `interrupted by ${signal}`;
                await writeResultsAtomic(jsonPath, partial).catch(() => undefined);
                io.stderr.write(`Partial results written to ${jsonPath}\n`);
            }
            // The main flow's `finally` never runs after a signal.
            await (0,promises_namespaceObject.rm)(tmpDir, { recursive: true, force: true }).catch(() => undefined);
            process.exit(signal === 'SIGINT' ? 130 : 143);
        })();
    });
    try {
        const workspace = io.cwd;
        const created = await createExecutor(config, { runId, log: logger, env: Object.fromEntries(config.env) });
        executor = created.executor;
        const github = readGitHubContext(io.env);
        await (0,promises_namespaceObject.mkdir)(tmpDir, { recursive: true });
        const baselines = createBaselineSources({
            config,
            github,
            workspace,
            libcs: created.libcs,
            tmpDir,
            mode: 'cli',
            cacheDir,
        });
        const outcome = await runPipeline(config, {
            executor,
            progress: createProgress({
                write: (t) => io.stderr.write(t),
                isTTY: io.stderr.isTTY === true,
                columns: io.stderr.columns,
            }),
            log: logger,
            github,
            baselines,
            host: readHostInfo(),
            workspace,
            libcs: created.libcs,
            toolVersion: TOOL_VERSION,
            now: () => new Date(),
            onSession: (s) => (snapshot = s),
        });
        if (outcome.selection.saveToCache)
            await baselines.saveCache(outcome.results, logger);
        if (interrupted)
            return await leaveToHandler();
        emitting = emit(config, outcome.results, jsonPath, io, true);
        await emitting;
        if (outcome.missingRequiredBaseline) {
            return fail(EXIT.failure, `require-baseline is true but there is no baseline: ${outcome.missingRequiredBaseline}`);
        }
        const regressed = regressedComparisons(outcome.results);
        if (regressed.length > 0) {
            for (const c of regressed)
                io.stderr.write(`regression: ${describeRegression(c)}\n`);
            if (config.failOnRegression)
                return EXIT.regression;
        }
        if (!anyCellMeasured(outcome.results))
            return fail(EXIT.failure, 'no cell could be measured; see the table for each cell’s reason');
        return EXIT.ok;
    }
    catch (error) {
        if (interrupted)
            return await leaveToHandler();
        const partial = error.partialResults;
        if (partial) {
            await writeResultsAtomic(jsonPath, partial).catch(() => undefined);
            io.stderr.write(`Partial results written to ${jsonPath}\n`);
        }
        if (isConfigError(error))
            return fail(EXIT.usage, messageOf(error));
        return fail(EXIT.failure, messageOf(error));
    }
    finally {
        unregister();
        await (0,promises_namespaceObject.rm)(tmpDir, { recursive: true, force: true }).catch(() => undefined);
    }
}
async function emit(config, results, jsonPath, io, writeJson) {
    if (writeJson) {
        await writeResultsAtomic(jsonPath, results);
        io.stderr.write(`Results written to ${jsonPath}\n`);
    }
    const table = renderTerminal(results, { color: io.stdout.isTTY === true && !io.env.NO_COLOR });
    io.stdout.write(table.endsWith('\n') ? table : `${table}\n`);
    if (config.markdownPath) {
        const markdownPath = external_node_path_default().resolve(io.cwd, config.markdownPath);
        await (0,promises_namespaceObject.writeFile)(markdownPath, renderMarkdown(results, { reproduceCommand: reproduceCommand(config) }));
        io.stderr.write(`Markdown report written to ${markdownPath}\n`);
    }
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 8995:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(6346);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
