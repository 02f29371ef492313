-- wrk script: GET /search?q=A%20B over the 870 ordered pairs of distinct
-- words from the 30 below (435 distinct answers, since word order does not
-- change an answer), one pair after another on each connection's thread.
-- The words are common in Unicode names, chosen so that the pairs' answers
-- are as big as they can be on average (2.7 kB of JSON, 2.9 kB with headers)
-- while every one stays under the answer cache's 64 kB limit.
-- With MIX=emoji in the environment, the same shape for /emoji?q=A%20B:
-- pairs of 30 words common in CLDR's English emoji names and keywords.
-- Usage: [MIX=emoji] wrk -t2 -c64 -d10s -s scripts/wrk/two-words.lua http://127.0.0.1:PORT
local names = {
    "cat", "small", "arrow", "capital", "sans", "serif", "script", "stroke", "latin", "double",
    "syllable", "hook", "cyrillic", "arabic", "greek", "italic", "mathematical", "dot", "right", "left",
    "triangle", "bold", "with", "symbol", "combining", "vertical", "leftwards", "rightwards", "yi", "modifier",
}

local emoji = {
    "face", "hand", "heart", "cat", "man", "woman", "person", "flag", "smiling", "eyes",
    "light", "skin", "tone", "medium", "dark", "sign", "animal", "food", "red", "blue",
    "star", "moon", "sun", "house", "car", "ball", "book", "music", "tree", "water",
}

local paths = {}
local function fill(path, words)
    for _, a in ipairs(words) do
        for _, b in ipairs(words) do
            if a ~= b then paths[#paths + 1] = path .. a .. "%20" .. b end
        end
    end
end

-- Each thread starts at its own place in the list.
local threads = 0
function setup(thread)
    thread:set("start", threads * 431)
    threads = threads + 1
end

local next = 0
function init(args)
    next = tonumber(start) or 0
    if os.getenv("MIX") == "emoji" then fill("/emoji?q=", emoji) else fill("/search?q=", names) end
end

function request()
    next = next % #paths + 1
    return wrk.format("GET", paths[next])
end

-- The mix's average answer, headers included.
function done(summary, latency, requests)
    io.write(string.format("average response: %.0f bytes\n", summary.bytes / summary.requests))
end
