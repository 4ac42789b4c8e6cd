-- SPDX-License-Identifier: GPL-2.0-or-later
-- wrk script: cycles through the query mix (one URL query string a line in
-- the file given after "--"), so throughput is measured on the same mix as
-- the latencies.
local queries = {}
local next_query = 0

init = function(args)
  for line in io.lines(args[1]) do queries[#queries + 1] = line end
end

request = function()
  next_query = next_query % #queries + 1
  return wrk.format("GET", "/api/search?" .. queries[next_query])
end
