// Creates the S3 bucket in the local MinIO once it answers; an existing bucket is fine.
// Usage: node scripts/deps/create-bucket.mjs ENDPOINT ACCESS_KEY SECRET_KEY BUCKET TIMEOUT_SECONDS
import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';

const [endpoint, accessKeyId, secretAccessKey, bucket, timeoutArg] = process.argv.slice(2);
const deadline = Date.now() + Number(timeoutArg ?? 60) * 1000;
const s3 = new S3Client({
  endpoint,
  region: 'us-east-1',
  forcePathStyle: true,
  credentials: { accessKeyId, secretAccessKey },
});

let lastErr;
while (Date.now() < deadline) {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    process.exit(0);
  } catch (err) {
    lastErr = err;
    if (err?.$metadata?.httpStatusCode === 404) {
      try {
        await s3.send(new CreateBucketCommand({ Bucket: bucket }));
        process.exit(0);
      } catch (createErr) {
        const name = createErr?.name;
        if (name === 'BucketAlreadyOwnedByYou' || name === 'BucketAlreadyExists') process.exit(0);
        lastErr = createErr;
      }
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
process.stderr.write(`bucket ${bucket} at ${endpoint}: ${lastErr?.message ?? 'timeout'}\n`);
process.exit(1);
