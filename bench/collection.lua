-- wrk script for bench/api.sh.
--
--   wrk ... -s bench/collection.lua URL -- get
--   wrk ... -s bench/collection.lua URL -- post TOKEN
--
-- Used by bench/api.sh and, for the book's app, by bench/peer.sh.
--
-- "get" sends wrk's plain GET for URL; "post" creates a post in the collection at URL with the
-- bearer TOKEN, its text varying per request. Both modes count every response outside 2xx
-- (wrk itself only counts statuses >= 400) and print the total in a line that api.sh reads:
--   non-2xx responses (collection.lua): N

local threads = {}
local next_id = 1

-- Runs in the main Lua state once per thread, before the threads start.
function setup(thread)
   thread:set("id", next_id)
   next_id = next_id + 1
   table.insert(threads, thread)
end

-- Runs in each thread's own Lua state.
function init(args)
   non2xx = 0
   local mode = args[1] or "get"
   if mode == "post" then
      local headers = {
         ["Content-Type"] = "application/json",
         ["Accept"] = "application/json",
         ["Authorization"] = "Bearer " .. assert(args[2], "post mode needs a token"),
      }
      local path = wrk.path
      local counter = 0
      -- Only defined in post mode: without a request() function wrk reuses one pre-built request,
      -- which keeps the GET benchmark's client cost as low as possible.
      request = function()
         counter = counter + 1
         -- Plain ASCII, so no JSON escaping is needed; stays far below the 500-character limit. The book's
         -- field "referenced" is sent as null because bench/peer.sh's peer requires it.
         local body = string.format(
            '{"text": "Benchmark post %d from connection group %d: the quick brown fox jumps over the lazy dog.", "referenced": null}',
            counter, id)
         return wrk.format("POST", path, headers, body)
      end
   elseif mode ~= "get" then
      error("unknown mode " .. mode .. " (expected get or post)")
   end
end

function response(status, headers, body)
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
   end
end

function done(summary, latency, requests)
   local total = 0
   for _, thread in ipairs(threads) do
      total = total + thread:get("non2xx")
   end
   io.write(string.format("non-2xx responses (collection.lua): %d\n", total))
end
