// The Cloud Integration commands used by the content, runtime, Partner Directory, security and
// log file areas. Every call resolves to a Result (../../api/client's guard).
import { guard, progressChannel } from '../../api/client';
import type { ArtifactKind, ConfigurationChange, JobEvent, NewPackage, ProfileId, RuntimeFilter } from '../../api';
import { commands } from '../../bindings';

export const cpi = {
  packages: (profileId: ProfileId) => guard(commands.cpiPackages(profileId)),
  package: (profileId: ProfileId, packageId: string) => guard(commands.cpiPackage(profileId, packageId)),
  createPackage: (profileId: ProfileId, pkg: NewPackage) => guard(commands.cpiPackageCreate(profileId, pkg)),
  /** The tenant deletes asynchronously; deployed artifacts keep running. */
  deletePackage: (profileId: ProfileId, packageId: string) => guard(commands.cpiPackageDelete(profileId, packageId)),
  artifacts: (profileId: ProfileId, packageId: string) => guard(commands.cpiPackageArtifacts(profileId, packageId)),
  /** Writes the package zip into `file` (a handle from `files.pickSave`). */
  savePackage: (profileId: ProfileId, packageId: string, file: string) => guard(commands.cpiPackageSave(profileId, packageId, file)),
  saveArtifact: (profileId: ProfileId, kind: ArtifactKind, artifactId: string, version: string, file: string) =>
    guard(commands.cpiArtifactSave(profileId, kind, artifactId, version, file)),
  configurations: (profileId: ProfileId, flowId: string, version: string) => guard(commands.cpiConfigurations(profileId, flowId, version)),
  saveConfigurations: (profileId: ProfileId, flowId: string, version: string, changes: ConfigurationChange[]) =>
    guard(commands.cpiConfigurationsUpdate(profileId, flowId, version, changes)),
  /** Starts a deployment job; events arrive on `onEvent` until STARTED or ERROR. */
  deploy: (profileId: ProfileId, kind: ArtifactKind, artifactId: string, version: string, onEvent: (e: JobEvent) => void) =>
    guard(commands.cpiDeploy(profileId, kind, artifactId, version, progressChannel(onEvent))),
  runtimeArtifacts: (profileId: ProfileId, filter: RuntimeFilter) => guard(commands.cpiRuntimeArtifacts(profileId, filter)),
  runtimeError: (profileId: ProfileId, artifactId: string) => guard(commands.cpiRuntimeError(profileId, artifactId)),
  undeploy: (profileId: ProfileId, artifactId: string) => guard(commands.cpiUndeploy(profileId, artifactId)),
  endpoints: (profileId: ProfileId) => guard(commands.cpiServiceEndpoints(profileId)),
  partners: (profileId: ProfileId) => guard(commands.cpiPartners(profileId)),
  deletePartner: (profileId: ProfileId, pid: string) => guard(commands.cpiPartnerDelete(profileId, pid)),
  stringParameters: (profileId: ProfileId, pid: string | null) => guard(commands.cpiStringParameters(profileId, pid)),
  saveStringParameter: (profileId: ProfileId, pid: string, id: string, value: string, replace: boolean) =>
    guard(commands.cpiStringParameterSave(profileId, pid, id, value, replace)),
  deleteStringParameter: (profileId: ProfileId, pid: string, id: string) => guard(commands.cpiStringParameterDelete(profileId, pid, id)),
  binaryParameters: (profileId: ProfileId, pid: string | null) => guard(commands.cpiBinaryParameters(profileId, pid)),
  /** Uploads `file` (a handle from `files.pickOpen`) as the parameter's value. */
  uploadBinaryParameter: (profileId: ProfileId, pid: string, id: string, contentType: string, file: string, replace: boolean) =>
    guard(commands.cpiBinaryParameterUpload(profileId, pid, id, contentType, file, replace)),
  saveBinaryParameterText: (profileId: ProfileId, pid: string, id: string, contentType: string, text: string, replace: boolean) =>
    guard(commands.cpiBinaryParameterSaveText(profileId, pid, id, contentType, text, replace)),
  downloadBinaryParameter: (profileId: ProfileId, pid: string, id: string, file: string) =>
    guard(commands.cpiBinaryParameterDownload(profileId, pid, id, file)),
  deleteBinaryParameter: (profileId: ProfileId, pid: string, id: string) => guard(commands.cpiBinaryParameterDelete(profileId, pid, id)),
  userCredentials: (profileId: ProfileId) => guard(commands.cpiUserCredentials(profileId)),
  secureParameters: (profileId: ProfileId) => guard(commands.cpiSecureParameters(profileId)),
  oauth2Credentials: (profileId: ProfileId) => guard(commands.cpiOauth2ClientCredentials(profileId)),
  keystore: (profileId: ProfileId) => guard(commands.cpiKeystoreEntries(profileId)),
  logFiles: (profileId: ProfileId) => guard(commands.cpiLogFiles(profileId)),
  saveLogFile: (profileId: ProfileId, name: string, application: string, file: string) => guard(commands.cpiLogFileSave(profileId, name, application, file)),
};
