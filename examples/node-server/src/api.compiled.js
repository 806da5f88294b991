// Written by `hookline build`: the compiled types of an API (checks, serializers, signatures).
// Do not edit. To write it again: npx hookline build --entry src/api.ts --out src/api.compiled.js --export createExampleApi
/* eslint-disable */
import {typeCodeScope} from '@hookline/router';

const {isIsoDateString, isValidDate, hasOwn, toJson, stringJson, dateJson, refuse} = typeCodeScope;

function c0() {
"use strict";
function f0(v) {
if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
let present = 0;
let x;
x = v["ok"];
if (x === undefined) { return false; } else { present++; if (!(typeof x === "boolean")) return false; }
x = v["time"];
if (x === undefined) { return false; } else { present++; if (!(isValidDate(x))) return false; }
x = v["pid"];
if (x === undefined) { return false; } else { present++; if (!((typeof x === "number" && Number.isFinite(x)))) return false; }
return true;
}
function f1(v) {
if (typeof v !== "object" || v === null || Array.isArray(v)) refuse(v, "an object");
let out = "";
let c = "{";
let x;
x = v["ok"];
if (x === undefined) refuse(x, "property ok");
if (x !== undefined) { out += c + "\"ok\":" + (x === true ? "true" : x === false ? "false" : refuse(x, "boolean")); c = ","; }
x = v["time"];
if (x === undefined) refuse(x, "property time");
if (x !== undefined) { out += c + "\"time\":" + (isValidDate(x) ? dateJson(x) : refuse(x, "a valid Date")); c = ","; }
x = v["pid"];
if (x === undefined) refuse(x, "property pid");
if (x !== undefined) { out += c + "\"pid\":" + (typeof x === "number" && Number.isFinite(x) ? "" + x : refuse(x, "a finite number")); c = ","; }
return c === "{" ? "{}" : out + "}";
}
return {isJson: function (v) { return false; }, isValue: function (v) { return f0(v); }, serialize: function (v) { return f1(v); }};
}
function c1() {
"use strict";
function f0(v) {
if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
let present = 0;
let x;
x = v["id"];
if (x === undefined) { return false; } else { present++; if (!((typeof x === "number" && Number.isFinite(x)))) return false; }
x = v["name"];
if (x === undefined) { return false; } else { present++; if (!(typeof x === "string")) return false; }
x = v["email"];
if (x === undefined) { return false; } else { present++; if (!(typeof x === "string")) return false; }
x = v["createdAt"];
if (x === undefined) { return false; } else { present++; if (!(isValidDate(x))) return false; }
return true;
}
function f1(v) {
if (typeof v !== "object" || v === null || Array.isArray(v)) refuse(v, "an object");
let out = "";
let c = "{";
let x;
x = v["id"];
if (x === undefined) refuse(x, "property id");
if (x !== undefined) { out += c + "\"id\":" + (typeof x === "number" && Number.isFinite(x) ? "" + x : refuse(x, "a finite number")); c = ","; }
x = v["name"];
if (x === undefined) refuse(x, "property name");
if (x !== undefined) { out += c + "\"name\":" + (typeof x === "string" ? stringJson(x) : refuse(x, "string")); c = ","; }
x = v["email"];
if (x === undefined) refuse(x, "property email");
if (x !== undefined) { out += c + "\"email\":" + (typeof x === "string" ? stringJson(x) : refuse(x, "string")); c = ","; }
x = v["createdAt"];
if (x === undefined) refuse(x, "property createdAt");
if (x !== undefined) { out += c + "\"createdAt\":" + (isValidDate(x) ? dateJson(x) : refuse(x, "a valid Date")); c = ","; }
return c === "{" ? "{}" : out + "}";
}
return {isJson: function (v) { return false; }, isValue: function (v) { return f0(v); }, serialize: function (v) { return f1(v); }};
}
function c2() {
"use strict";
function f0(v) {
if (!Array.isArray(v) || v.length < 1) return false;
if (v.length > 1) return false;
if (v.length > 0) { const x = v[0]; if (!((typeof x === "number" && Number.isFinite(x)))) return false; }
return true;
}
return {isJson: function (v) { return f0(v); }, isValue: function (v) { return false; }, serialize: undefined};
}
function c3() {
"use strict";
function f0(v) {
if (!Array.isArray(v)) return false;
for (let i = 0; i < v.length; i++) { const x = v[i]; if (!(f1(x))) return false; }
return true;
}
function f1(v) {
if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
let present = 0;
let x;
x = v["id"];
if (x === undefined) { return false; } else { present++; if (!((typeof x === "number" && Number.isFinite(x)))) return false; }
x = v["ownerId"];
if (x === undefined) { return false; } else { present++; if (!((typeof x === "number" && Number.isFinite(x)))) return false; }
x = v["name"];
if (x === undefined) { return false; } else { present++; if (!(typeof x === "string")) return false; }
x = v["species"];
if (x === undefined) { return false; } else { present++; if (!((x === "cat" || x === "dog" || x === "other"))) return false; }
x = v["birthDate"];
if (x === undefined) { return false; } else { present++; if (!((isValidDate(x) || x === null))) return false; }
return true;
}
function f2(v) {
if (!Array.isArray(v)) refuse(v, "an array");
let out = "[";
for (let i = 0; i < v.length; i++) { if (i > 0) out += ","; const x = v[i]; out += x === undefined ? "null" : f3(x); }
return out + "]";
}
function f3(v) {
if (typeof v !== "object" || v === null || Array.isArray(v)) refuse(v, "an object");
let out = "";
let c = "{";
let x;
x = v["id"];
if (x === undefined) refuse(x, "property id");
if (x !== undefined) { out += c + "\"id\":" + (typeof x === "number" && Number.isFinite(x) ? "" + x : refuse(x, "a finite number")); c = ","; }
x = v["ownerId"];
if (x === undefined) refuse(x, "property ownerId");
if (x !== undefined) { out += c + "\"ownerId\":" + (typeof x === "number" && Number.isFinite(x) ? "" + x : refuse(x, "a finite number")); c = ","; }
x = v["name"];
if (x === undefined) refuse(x, "property name");
if (x !== undefined) { out += c + "\"name\":" + (typeof x === "string" ? stringJson(x) : refuse(x, "string")); c = ","; }
x = v["species"];
if (x === undefined) refuse(x, "property species");
if (x !== undefined) { out += c + "\"species\":" + toJson(x); c = ","; }
x = v["birthDate"];
if (x === undefined) refuse(x, "property birthDate");
if (x !== undefined) { out += c + "\"birthDate\":" + f4(x); c = ","; }
return c === "{" ? "{}" : out + "}";
}
function f4(v) {
if (isValidDate(v)) return (isValidDate(v) ? dateJson(v) : refuse(v, "a valid Date"));
if (v === null) return toJson(v);
return refuse(v, "date | null");
}
return {isJson: function (v) { return false; }, isValue: function (v) { return f0(v); }, serialize: function (v) { return f2(v); }};
}
function c4() {
"use strict";
function f0(v) {
if (!Array.isArray(v) || v.length < 1) return false;
if (v.length > 1) return false;
if (v.length > 0) { const x = v[0]; if (!(f1(x))) return false; }
return true;
}
function f1(v) {
if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
let present = 0;
let x;
x = v["name"];
if (x === undefined) { return false; } else { present++; if (!(typeof x === "string")) return false; }
x = v["species"];
if (x === undefined) { return false; } else { present++; if (!((x === "cat" || x === "dog" || x === "other"))) return false; }
x = v["birthDate"];
if (x === undefined) {  } else { present++; if (!(isIsoDateString(x))) return false; }
let count = 0;
for (const k in v) if (hasOwn.call(v, k)) count++;
return count === present;
}
return {isJson: function (v) { return f0(v); }, isValue: function (v) { return false; }, serialize: undefined};
}
function c5() {
"use strict";
function f0(v) {
if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
let present = 0;
let x;
x = v["id"];
if (x === undefined) { return false; } else { present++; if (!((typeof x === "number" && Number.isFinite(x)))) return false; }
x = v["ownerId"];
if (x === undefined) { return false; } else { present++; if (!((typeof x === "number" && Number.isFinite(x)))) return false; }
x = v["name"];
if (x === undefined) { return false; } else { present++; if (!(typeof x === "string")) return false; }
x = v["species"];
if (x === undefined) { return false; } else { present++; if (!((x === "cat" || x === "dog" || x === "other"))) return false; }
x = v["birthDate"];
if (x === undefined) { return false; } else { present++; if (!((isValidDate(x) || x === null))) return false; }
return true;
}
function f1(v) {
if (typeof v !== "object" || v === null || Array.isArray(v)) refuse(v, "an object");
let out = "";
let c = "{";
let x;
x = v["id"];
if (x === undefined) refuse(x, "property id");
if (x !== undefined) { out += c + "\"id\":" + (typeof x === "number" && Number.isFinite(x) ? "" + x : refuse(x, "a finite number")); c = ","; }
x = v["ownerId"];
if (x === undefined) refuse(x, "property ownerId");
if (x !== undefined) { out += c + "\"ownerId\":" + (typeof x === "number" && Number.isFinite(x) ? "" + x : refuse(x, "a finite number")); c = ","; }
x = v["name"];
if (x === undefined) refuse(x, "property name");
if (x !== undefined) { out += c + "\"name\":" + (typeof x === "string" ? stringJson(x) : refuse(x, "string")); c = ","; }
x = v["species"];
if (x === undefined) refuse(x, "property species");
if (x !== undefined) { out += c + "\"species\":" + toJson(x); c = ","; }
x = v["birthDate"];
if (x === undefined) refuse(x, "property birthDate");
if (x !== undefined) { out += c + "\"birthDate\":" + f2(x); c = ","; }
return c === "{" ? "{}" : out + "}";
}
function f2(v) {
if (isValidDate(v)) return (isValidDate(v) ? dateJson(v) : refuse(v, "a valid Date"));
if (v === null) return toJson(v);
return refuse(v, "date | null");
}
return {isJson: function (v) { return false; }, isValue: function (v) { return f0(v); }, serialize: function (v) { return f1(v); }};
}
function c6() {
"use strict";
function f0(v) {
if (!Array.isArray(v) || v.length < 2) return false;
if (v.length > 2) return false;
if (v.length > 0) { const x = v[0]; if (!((typeof x === "number" && Number.isFinite(x)))) return false; }
if (v.length > 1) { const x = v[1]; if (!(isIsoDateString(x))) return false; }
return true;
}
return {isJson: function (v) { return f0(v); }, isValue: function (v) { return false; }, serialize: undefined};
}
function c7() {
"use strict";
return {isJson: function (v) { return false; }, isValue: function (v) { return (typeof v === "number" && Number.isFinite(v)); }, serialize: function (v) { return (typeof v === "number" && Number.isFinite(v) ? "" + v : refuse(v, "a finite number")); }};
}
function c8() {
"use strict";
function f0(v) {
if (!Array.isArray(v) || v.length < 2) return false;
if (v.length > 2) return false;
if (v.length > 0) { const x = v[0]; if (!((typeof x === "number" && Number.isFinite(x)))) return false; }
if (v.length > 1) { const x = v[1]; if (!((typeof x === "number" && Number.isFinite(x)))) return false; }
return true;
}
return {isJson: function (v) { return f0(v); }, isValue: function (v) { return false; }, serialize: undefined};
}
function c9() {
"use strict";
function f0(v) {
if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
let present = 0;
let x;
x = v["events"];
if (x === undefined) { return false; } else { present++; if (!((typeof x === "number" && Number.isFinite(x)))) return false; }
x = v["until"];
if (x === undefined) { return false; } else { present++; if (!(isValidDate(x))) return false; }
return true;
}
function f1(v) {
if (typeof v !== "object" || v === null || Array.isArray(v)) refuse(v, "an object");
let out = "";
let c = "{";
let x;
x = v["events"];
if (x === undefined) refuse(x, "property events");
if (x !== undefined) { out += c + "\"events\":" + (typeof x === "number" && Number.isFinite(x) ? "" + x : refuse(x, "a finite number")); c = ","; }
x = v["until"];
if (x === undefined) refuse(x, "property until");
if (x !== undefined) { out += c + "\"until\":" + (isValidDate(x) ? dateJson(x) : refuse(x, "a valid Date")); c = ","; }
return c === "{" ? "{}" : out + "}";
}
return {isJson: function (v) { return false; }, isValue: function (v) { return f0(v); }, serialize: function (v) { return f1(v); }};
}
function c10() {
"use strict";
function f0(v) {
if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
let present = 0;
let x;
x = v["petId"];
if (x === undefined) { return false; } else { present++; if (!((typeof x === "number" && Number.isFinite(x)))) return false; }
x = v["kind"];
if (x === undefined) { return false; } else { present++; if (!((x === "walk" || x === "meal" || x === "nap"))) return false; }
x = v["at"];
if (x === undefined) { return false; } else { present++; if (!(isValidDate(x))) return false; }
return true;
}
function f1(v) {
if (typeof v !== "object" || v === null || Array.isArray(v)) refuse(v, "an object");
let out = "";
let c = "{";
let x;
x = v["petId"];
if (x === undefined) refuse(x, "property petId");
if (x !== undefined) { out += c + "\"petId\":" + (typeof x === "number" && Number.isFinite(x) ? "" + x : refuse(x, "a finite number")); c = ","; }
x = v["kind"];
if (x === undefined) refuse(x, "property kind");
if (x !== undefined) { out += c + "\"kind\":" + toJson(x); c = ","; }
x = v["at"];
if (x === undefined) refuse(x, "property at");
if (x !== undefined) { out += c + "\"at\":" + (isValidDate(x) ? dateJson(x) : refuse(x, "a valid Date")); c = ","; }
return c === "{" ? "{}" : out + "}";
}
return {isJson: function (v) { return false; }, isValue: function (v) { return f0(v); }, serialize: function (v) { return f1(v); }};
}
function c11() {
"use strict";
return {isJson: function (v) { return false; }, isValue: function (v) { return typeof v === "string"; }, serialize: function (v) { return (typeof v === "string" ? stringJson(v) : refuse(v, "string")); }};
}
function c12() {
"use strict";
return {isJson: function (v) { return false; }, isValue: function (v) { return v === undefined; }, serialize: function (v) { return toJson(v); }};
}
function c13() {
"use strict";
return {isJson: function (v) { return false; }, isValue: function (v) { return v === undefined; }, serialize: undefined};
}

export default {
    format: "hookline-compiled/2",
    command: "npx hookline build --entry src/api.ts --out src/api.compiled.js --export createExampleApi",
    routes: 'health	1	65d02ef484397393	[[0],["o",null,[["ok","b",0],["time","D",0],["pid","n",0]],null,null],0]\napi/users/me	1	abeb7c156778ae8a	[[0],15,0]\napi/users/getUser	2	74bd216593a90c29	[[0,1],15,0,[["user-not-found",404,["o",null,[1],null,null]]]]\napi/pets/list	1	1a4d14dfdc8f5758	[[0],["[",14],0]\napi/pets/add	2	70e98b440e338cc7	[[0,["pet",["o","NewPet",[3,4,["birthDate","D",1]],null,null],0]],14,0,[["invalid-pet",400,["o",null,[["field","s",0]],null,null]]]]\napi/pets/ageInDays	3	c76f4f1230cf8030	[[0,2,["at","D",0]],"n",0,[["pet-not-found",404,8],["birth-date-unknown",409,8]]]\napi/pets/activity	3	694cf7ce0da0f616	[[0,2,["count","n",0]],["o","ActivitySummary",[["events","n",0],["until","D",0]],null,null],0,[["pet-not-found",404,8]],["o","PetEvent",[2,["kind",["|",["=","walk"],["=","meal"],["=","nap"]],0],["at","D",0]],null,null]]\napi/broken	1	64cf7d9b0fda6f4e	[[0],"s",0]',
    hooks: 'logger	hook	1	272bd2a82c122b20	[[0],"d",0]\napi/auth	headerHook	2	ca197e89280f06ab	[[0,["token","s",0]],"d",0,[["invalid-token",401,"d"]]]',
    types: '[["ctx","a",0],["id","n",0],["petId","n",0],["name","s",0],["species",9,0],["=","cat"],["=","dog"],["=","other"],["o",null,[2],null,null],["|",5,6,7],["birthDate",16,0],["createdAt","D",0],["email","s",0],["ownerId","n",0],["o","Pet",[1,13,3,4,10],null,null],["o","User",[1,3,12,11],null,null],["|","D","l"]]',
    code: {
        "health": [0, c0],
        "api/users/me": [0, c1],
        "api/users/getUser": [c2, c1],
        "api/pets/list": [0, c3],
        "api/pets/add": [c4, c5],
        "api/pets/ageInDays": [c6, c7],
        "api/pets/activity": [c8, c9, c10],
        "api/broken": [0, c11],
        "logger": [0, c12],
        "api/auth": [0, c13],
    },
};
