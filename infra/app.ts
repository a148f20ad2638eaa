/**
 * The CDK app entry (cdk.json: `node infra/app.ts`). `npx cdk deploy -c stage=prod`
 * deploys the district service; without `-c stage`, the dev stage.
 */
import { App } from "aws-cdk-lib";
import { buildApp } from "./stack.ts";

const app = new App();
buildApp(app);
app.synth();
