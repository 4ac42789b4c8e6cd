// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/run/commit_policy.h"

#include <gtest/gtest.h>

namespace archivist::run {
namespace {

TEST(CommitPolicyTest, ABatchEndsAfterItsCountOfChanges) {
  CommitPolicy policy(/*every_changes=*/3, /*every_bytes=*/1 << 20);
  EXPECT_FALSE(policy.CountChange(10));
  EXPECT_FALSE(policy.CountChange());
  EXPECT_TRUE(policy.uncommitted());
  EXPECT_TRUE(policy.CountChange(10));
  EXPECT_FALSE(policy.uncommitted());  // the caller commits now
  // The next batch starts empty.
  EXPECT_FALSE(policy.CountChange());
  EXPECT_FALSE(policy.CountChange());
  EXPECT_TRUE(policy.CountChange());
}

TEST(CommitPolicyTest, ABatchEndsEarlierWhenItsTextPilesUp) {
  CommitPolicy policy(/*every_changes=*/100, /*every_bytes=*/10);
  EXPECT_FALSE(policy.CountChange(4));
  EXPECT_TRUE(policy.CountChange(6));
  EXPECT_FALSE(policy.CountChange(9));  // the bytes start over with the batch
}

TEST(CommitPolicyTest, NothingChangedMeansNothingToCommit) {
  CommitPolicy policy(200, 64u << 20);
  EXPECT_FALSE(policy.uncommitted());
  // A recorded failure fills no batch but still needs the final commit.
  policy.CountMinorChange();
  EXPECT_TRUE(policy.uncommitted());
}

TEST(CommitPolicyTest, MinorChangesGoWithTheNextBatch) {
  CommitPolicy policy(2, 64u << 20);
  policy.CountMinorChange();
  EXPECT_FALSE(policy.CountChange());
  EXPECT_TRUE(policy.CountChange());
  EXPECT_FALSE(policy.uncommitted());
}

}  // namespace
}  // namespace archivist::run
